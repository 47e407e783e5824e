#!/usr/bin/env bash
# build-tfjs-node.sh: make @tensorflow/tfjs-node@4.22.0 load in this pnpm workspace without internet.
#
# tfjs-node's own install script downloads libtensorflow 2.9.1 from storage.googleapis.com (and node-gyp
# may download Node headers); both fail on machines without internet. This script takes the TensorFlow
# C API libraries and headers out of a TensorFlow CPU *Python wheel* (from pip's configured index, or
# TF_WHEEL), stages them into tfjs-node's deps/{lib,include} and compiles the N-API addon offline.
# Adapted from ../shared/notes/tfjs-node-offline.sh for pnpm: the package directory is a symlink into
# node_modules/.pnpm, so we resolve the real directory and build there (every workspace link sees it).
#
# Usage: bash scripts/build-tfjs-node.sh [package-dir]   (default: packages/backend-node, which has
#        @tensorflow/tfjs-node as a devDependency installed with its build script disabled)
#
# Env: TF_WHEEL, TFJS_NODE_OFFLINE_CACHE (default ~/.cache/tfjs-node-offline), TFJS_NODE_OFFLINE_FORCE=1,
#      NODE_GYP, NODEDIR.
# Exit codes: 0 = the tensorflow backend works; 3 = skipped (no wheel, or not linux/x86_64), nothing changed;
#             1 = a step failed; 2 = usage (tfjs-node not installed there).
set -euo pipefail

log() { printf '[tfjs-node-offline] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
T0=$SECONDS
step_t=$SECONDS
step() { log "($((SECONDS - step_t))s) done; next: $*"; step_t=$SECONDS; }

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROJECT=${1:-$ROOT/packages/backend-node}
if [[ "$PROJECT" == -h || "$PROJECT" == --help ]]; then sed -n '2,19p' "$0" >&2; exit 2; fi
PROJECT=$(cd "$PROJECT" && pwd) || { log "no such directory: $1"; exit 2; }
LINK="$PROJECT/node_modules/@tensorflow/tfjs-node"
if [[ ! -f "$LINK/package.json" ]]; then
  log "no $LINK/package.json: install the workspace first (node scripts/pnpm.mjs install --frozen-lockfile)"
  exit 2
fi
# pnpm links the package from node_modules/.pnpm/<id>/node_modules/@tensorflow/tfjs-node; build in the real
# directory so that node-pre-gyp's find() and tfjs-node's own dependencies resolve from it.
PKG=$(readlink -f "$LINK")
command -v node >/dev/null || die "node not on PATH"
PKG_VER=$(node -p "require('$PKG/package.json').version")
[[ "$PKG_VER" == 4.* ]] || log "warning: recipe was verified with tfjs-node 4.22.0, found $PKG_VER"

# Platform gate: the wheel is linux x86_64 (manylinux_2_27 => glibc >= 2.27).
if [[ "$(uname -s)" != Linux || "$(uname -m)" != x86_64 ]]; then
  log "SKIP: unsupported platform $(uname -s)/$(uname -m) (recipe is for linux x86_64). Nothing changed."
  exit 3
fi

# Smoke check used both for idempotency and final verification (run from the project dir so
# that the project's own copy of tfjs-node is resolved).
verify() {
  local errf; errf=$(mktemp)
  (cd "$PKG" && TF_CPP_MIN_LOG_LEVEL=2 node -e "
    const tf = require('$PKG');
    if (tf.getBackend() !== 'tensorflow') { console.error('backend is ' + tf.getBackend()); process.exit(3); }
    const s = tf.tensor([1, 2, 3]).square().sum().dataSync()[0];
    if (s !== 14) { console.error('bad result ' + s); process.exit(4); }
    console.log(tf.getBackend(), 'tfjs-node ' + tf.version['tfjs-node']);
  " 2>"$errf") && { rm -f "$errf"; return 0; }
  [[ "${1:-}" == quiet ]] || tail -20 "$errf" >&2
  rm -f "$errf"; return 1
}

if [[ "${TFJS_NODE_OFFLINE_FORCE:-0}" != 1 ]] && out=$(verify quiet); then
  log "already working ($out) in $PROJECT — nothing to do. (TFJS_NODE_OFFLINE_FORCE=1 to rebuild)"
  exit 0
fi

# Locate the wheel: TF_WHEEL, else ask pip's configured package index (no network beyond it).
WHEEL=${TF_WHEEL:-}
PIP=()
if command -v pip >/dev/null; then PIP=(pip)
elif command -v pip3 >/dev/null; then PIP=(pip3)
elif command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; then PIP=(python3 -m pip)
fi
if [[ -z "$WHEEL" && ${#PIP[@]} -gt 0 ]]; then
  WDIR=${XDG_CACHE_HOME:-$HOME/.cache}/tfjs-node-offline/wheels; mkdir -p "$WDIR"
  WHEEL=$(ls -1 "$WDIR"/tensorflow_cpu-*-manylinux*_x86_64.whl 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z "$WHEEL" ]]; then
    log "asking pip for a tensorflow-cpu wheel (cp311, manylinux x86_64)"
    timeout 300 "${PIP[@]}" download --no-deps --only-binary=:all: --python-version 3.11 --platform manylinux_2_27_x86_64 \
      --retries 1 --timeout 15 tensorflow-cpu -d "$WDIR" >&2 2>/dev/null || true
    WHEEL=$(ls -1 "$WDIR"/tensorflow_cpu-*-manylinux*_x86_64.whl 2>/dev/null | sort -V | tail -1 || true)
  fi
fi
if [[ -z "$WHEEL" || ! -f "$WHEEL" ]]; then
  log "SKIP: no TensorFlow CPU wheel (set TF_WHEEL, or make 'pip download tensorflow-cpu' work)."
  log "      The 'tensorflow' backend stays unavailable; tfjs (cpu/wasm) is unaffected. Nothing changed."
  exit 3
fi
command -v unzip >/dev/null || die "unzip not on PATH (apt-get install unzip)"
command -v make >/dev/null && command -v g++ >/dev/null || die "need make and g++ for node-gyp"
log "wheel: $WHEEL"
log "project: $PROJECT (tfjs-node $PKG_VER)"

# 1) Extract C API libs + headers from the wheel into a cache (once per wheel).
CACHE_ROOT=${TFJS_NODE_OFFLINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tfjs-node-offline}
CACHE="$CACHE_ROOT/$(basename "$WHEEL" .whl)"
step "extract wheel -> $CACHE"
if [[ ! -f "$CACHE/.complete" ]]; then
  mkdir -p "$CACHE_ROOT"
  TMPX=$(mktemp -d "$CACHE_ROOT/.extract.XXXXXX")
  trap 'rm -rf "$TMPX"' EXIT
  # Headers needed by binding/*.cc: tensorflow/c/** plus what they include
  # (xla/tsl/c/tsl_status.h, tsl/platform/ctstring*.h, tensorflow/core/platform/ctstring*.h).
  unzip -q -o "$WHEEL" -d "$TMPX" \
    'tensorflow/libtensorflow_cc.so.2' 'tensorflow/libtensorflow_framework.so.2' \
    'tensorflow/include/tensorflow/c/*' 'tensorflow/include/xla/tsl/c/*' \
    'tensorflow/include/tsl/platform/ctstring*' 'tensorflow/include/tensorflow/core/platform/ctstring*' \
    || die "unzip failed (wheel layout changed? expected tensorflow/libtensorflow_cc.so.2)"
  for f in libtensorflow_cc.so.2 libtensorflow_framework.so.2 include/tensorflow/c/c_api.h include/tensorflow/c/eager/c_api.h; do
    [[ -e "$TMPX/tensorflow/$f" ]] || die "wheel lacks tensorflow/$f"
  done
  rm -rf "$CACHE"
  mv "$TMPX/tensorflow" "$CACHE"
  touch "$CACHE/.complete"
  rm -rf "$TMPX"; trap - EXIT
else
  log "using cached extraction"
fi

# 2) Stage into tfjs-node's deps/ (hardlink when on the same filesystem, else copy).
step "stage deps/lib + deps/include"
DEPS="$PKG/deps"
rm -rf "$DEPS"
mkdir -p "$DEPS/lib" "$DEPS/include"
for so in libtensorflow_cc.so.2 libtensorflow_framework.so.2; do
  cp -lf "$CACHE/$so" "$DEPS/lib/$so" 2>/dev/null || cp -f "$CACHE/$so" "$DEPS/lib/$so"
done
cp -a "$CACHE/include/." "$DEPS/include/"
(
  cd "$DEPS/lib"
  # Link-time names used by binding.gyp (-ltensorflow -ltensorflow_framework). The C API (TF_*, TFE_*)
  # lives in libtensorflow_cc.so.2 in the pip wheel; the resulting addon records the SONAMEs
  # libtensorflow_cc.so.2 / libtensorflow_framework.so.2 and finds them via RUNPATH $ORIGIN/../../deps/lib.
  ln -sf libtensorflow_cc.so.2 libtensorflow.so
  ln -sf libtensorflow_cc.so.2 libtensorflow.so.2
  ln -sf libtensorflow_framework.so.2 libtensorflow_framework.so
  # Name tfjs-node's scripts/install.js checks (deps/lib/libtensorflow.so.2.9.1): if present, a later
  # `npm rebuild`/install script skips the libtensorflow download.
  ln -sf libtensorflow_cc.so.2 libtensorflow.so.2.9.1
  ln -sf libtensorflow_framework.so.2 libtensorflow_framework.so.2.9.1
)

# 3) Build the addon with node-gyp, offline (local Node headers via --nodedir).
step "node-gyp rebuild"
if [[ -z "${NODE_GYP:-}" ]]; then
  if command -v node-gyp >/dev/null; then NODE_GYP=$(command -v node-gyp)
  else
    NPM_CLI=$(readlink -f "$(command -v npm)")
    NODE_GYP="$(dirname "$NPM_CLI")/../node_modules/node-gyp/bin/node-gyp.js"
  fi
fi
[[ -f "$NODE_GYP" ]] || die "node-gyp not found (set NODE_GYP)"
if [[ -z "${NODEDIR:-}" ]]; then
  for cand in "$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")" /usr /usr/local; do
    if [[ -f "$cand/include/node/node_api.h" && -f "$cand/include/node/common.gypi" ]]; then NODEDIR=$cand; break; fi
  done
fi
NODEDIR_ARGS=()
if [[ -n "${NODEDIR:-}" ]]; then NODEDIR_ARGS=(--nodedir="$NODEDIR")
else
  NV=$(node -p 'process.versions.node')
  [[ -f "$HOME/.cache/node-gyp/$NV/include/node/node_api.h" ]] || die "no local Node headers (include/node/node_api.h) found; set NODEDIR"
fi
# Where tfjs-node's dist/index.js looks for the addon (node-pre-gyp's find(): lib/napi-v<N>/tfjs_binding.node).
BINDING=$(cd "$PKG" && node -p "require('@mapbox/node-pre-gyp').find(require('path').resolve('package.json'))")
MODULE_PATH=$(dirname "$BINDING")
NAPI_BUILD=${MODULE_PATH##*napi-v}
log "node-gyp: $NODE_GYP; nodedir: ${NODEDIR:-<node-gyp cache>}; target: $BINDING"
(
  cd "$PKG"
  node "$NODE_GYP" rebuild "${NODEDIR_ARGS[@]}" -j "$(nproc 2>/dev/null || echo 2)" \
    --module_name=tfjs_binding --module_path="$MODULE_PATH" --napi_build_version="$NAPI_BUILD"
) > "$PKG/deps/node-gyp.log" 2>&1 || { tail -30 "$PKG/deps/node-gyp.log" >&2; die "node-gyp rebuild failed (full log: $PKG/deps/node-gyp.log)"; }
[[ -f "$BINDING" ]] || die "build finished but $BINDING is missing"
rm -rf "$PKG/build"   # intermediate objects only; the addon was copied to $MODULE_PATH

# 4) Verify.
step "verify"
out=$(verify) || die "binding built but tfjs-node does not load / compute"
log "OK: $out — total $((SECONDS - T0))s; deps size $(du -sh "$DEPS" 2>/dev/null | cut -f1) (hardlinked to cache when possible)"
