# Shared settings for the kube-apiserver scripts (sourced, not run).
# Everything lives under one private cache folder; nothing is installed system-wide.

INITK9_CACHE="${INITK9_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/initk9}"
KUBE_VERSION='v1.20.2'
# Debian bookworm's source package: the upstream v1.20.2 tree with vendor/.
KUBE_DEB_SOURCE_VERSION="${KUBE_DEB_SOURCE_VERSION:-1.20.5+really1.20.2-1.1+deb12u1}"
GO_DEB='golang-1.19-go'
DEBS=("$GO_DEB" golang-1.19-src etcd-server etcd-client golang-github-modern-go-reflect2-dev)

APT_DIR="$INITK9_CACHE/apt"
DL_DIR="$INITK9_CACHE/dl"
ROOT_DIR="$INITK9_CACHE/root"           # .debs unpacked with dpkg-deb -x
GOPATH_DIR="$INITK9_CACHE/gopath"
SRC_DIR="$GOPATH_DIR/src/k8s.io/kubernetes"
BIN_DIR="$INITK9_CACHE/bin"
KUBE_APISERVER_BIN="$BIN_DIR/kube-apiserver-$KUBE_VERSION"
KUBE_CONTROLLER_MANAGER_BIN="$BIN_DIR/kube-controller-manager-$KUBE_VERSION"
ETCD_BIN="$ROOT_DIR/usr/bin/etcd"
ETCDCTL_BIN="$ROOT_DIR/usr/bin/etcdctl"
GOROOT_DIR="$ROOT_DIR/usr/lib/go-1.19"

# Exit code that means "the toolchain or source cannot be obtained here": tests skip on it.
EXIT_UNAVAILABLE=3

log() { printf '[kube-apiserver +%ss] %s\n' "$SECONDS" "$*" >&2; }
die() { printf '[kube-apiserver] error: %s\n' "$*" >&2; exit "${2:-1}"; }
unavailable() { printf '[kube-apiserver] unavailable: %s\n' "$*" >&2; exit "$EXIT_UNAVAILABLE"; }
