#!/usr/bin/env bash
# Provisions a real kube-apiserver and kube-controller-manager v1.20.2 and etcd 3.4 from Debian bookworm's packages, from nothing:
# private APT config (with deb-src) → download → unpack with dpkg-deb -x → apt-get source kubernetes →
# patch reflect2 → generate openapi → build cmd/kube-apiserver and cmd/kube-controller-manager in GOPATH
# mode. The binaries are cached, so a second run only checks them and takes well under a second; a cache
# that has only kube-apiserver (made before kube-controller-manager was added) builds only the other one.
#
# Exit codes: 0 ready; 3 the toolchain or source cannot be obtained (tests skip); other: a failure.
# Prints the binary paths as shell assignments on stdout (KUBE_APISERVER=…, KUBE_CONTROLLER_MANAGER=…,
# ETCD=…, ETCDCTL=…).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

print_paths() {
	printf 'KUBE_APISERVER=%s\nKUBE_CONTROLLER_MANAGER=%s\nETCD=%s\nETCDCTL=%s\n' \
		"$KUBE_APISERVER_BIN" "$KUBE_CONTROLLER_MANAGER_BIN" "$ETCD_BIN" "$ETCDCTL_BIN"
}

# A Kubernetes binary of ours is present and reports the pinned version.
built() {
	local version
	[[ -x $1 ]] || return 1
	version=$("$1" --version 2>/dev/null) || return 1
	[[ $version == *"$KUBE_VERSION" ]]
}

ready() {
	[[ -x "$ETCD_BIN" && -x "$ETCDCTL_BIN" ]] && built "$KUBE_APISERVER_BIN" && built "$KUBE_CONTROLLER_MANAGER_BIN"
}

if ready; then
	print_paths
	exit 0
fi

for tool in apt-get dpkg-deb dpkg-source flock; do
	command -v "$tool" >/dev/null || unavailable "$tool not found (needs a Debian machine)"
done

mkdir -p "$INITK9_CACHE"
exec 9>"$INITK9_CACHE/provision.lock"
flock 9 # another run may be building: wait for it, then find the binary ready
if ready; then
	print_paths
	exit 0
fi

started=$SECONDS

# --- 1. Private APT config (the system has no deb-src lines; leave its config alone) ---
write_apt_config() {
	mkdir -p "$APT_DIR"/{etc/apt.conf.d,etc/preferences.d,etc/sources.list.d,state/lists/partial,cache/archives/partial}
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[[ -f $keyring ]] || unavailable "$keyring missing (not a Debian machine)"
	local mirror="${INITK9_DEBIAN_MIRROR:-http://deb.debian.org}"
	cat >"$APT_DIR/etc/sources.list" <<-EOF
		deb [signed-by=$keyring] $mirror/debian bookworm main
		deb-src [signed-by=$keyring] $mirror/debian bookworm main
		deb [signed-by=$keyring] $mirror/debian-security bookworm-security main
		deb-src [signed-by=$keyring] $mirror/debian-security bookworm-security main
	EOF
	cat >"$APT_DIR/apt.conf" <<-EOF
		Dir::Etc "$APT_DIR/etc";
		Dir::Etc::SourceList "$APT_DIR/etc/sources.list";
		Dir::Etc::SourceParts "$APT_DIR/etc/sources.list.d";
		Dir::Etc::Parts "$APT_DIR/etc/apt.conf.d";
		Dir::Etc::Preferences "$APT_DIR/etc/preferences";
		Dir::Etc::PreferencesParts "$APT_DIR/etc/preferences.d";
		Dir::State "$APT_DIR/state";
		Dir::State::status "/var/lib/dpkg/status";
		Dir::Cache "$APT_DIR/cache";
		APT::Sandbox::User "root";
		Acquire::Retries "3";
	EOF
}

fetch_packages() {
	export APT_CONFIG="$APT_DIR/apt.conf"
	local have_all=1 pkg
	for pkg in "${DEBS[@]}"; do compgen -G "$DL_DIR/${pkg}_*.deb" >/dev/null || have_all=0; done
	compgen -G "$DL_DIR/kubernetes_${KUBE_DEB_SOURCE_VERSION}.dsc" >/dev/null || have_all=0
	((have_all)) && return 0
	log 'apt-get update (private config)'
	apt-get update -qq >"$INITK9_CACHE/apt-update.log" 2>&1 ||
		unavailable "apt-get update failed (see $INITK9_CACHE/apt-update.log)"
	mkdir -p "$DL_DIR"
	log "downloading ${DEBS[*]} and the kubernetes source $KUBE_DEB_SOURCE_VERSION"
	(cd "$DL_DIR" && apt-get download -qq "${DEBS[@]}") >"$INITK9_CACHE/apt-download.log" 2>&1 ||
		unavailable "apt-get download failed (see $INITK9_CACHE/apt-download.log)"
	(cd "$DL_DIR" && apt-get source -qq --download-only "kubernetes=$KUBE_DEB_SOURCE_VERSION") \
		>>"$INITK9_CACHE/apt-download.log" 2>&1 ||
		unavailable "apt-get source kubernetes=$KUBE_DEB_SOURCE_VERSION failed (see $INITK9_CACHE/apt-download.log)"
}

unpack_debs() {
	local marker="$ROOT_DIR/.initk9-unpacked" pkg deb
	[[ -f $marker ]] && return 0
	log "unpacking .debs into $ROOT_DIR"
	rm -rf "$ROOT_DIR"
	mkdir -p "$ROOT_DIR"
	for pkg in "${DEBS[@]}"; do
		deb=$(compgen -G "$DL_DIR/${pkg}_*.deb" | sort -V | tail -1) || true
		[[ -n $deb ]] || die "no .deb of $pkg in $DL_DIR"
		dpkg-deb -x "$deb" "$ROOT_DIR" || {
			rm -f "$deb"
			die "dpkg-deb -x $deb failed (corrupt download removed: run again)"
		}
	done
	[[ -x "$GOROOT_DIR/bin/go" ]] || die "no go binary at $GOROOT_DIR/bin/go after unpacking"
	touch "$marker"
}

unpack_source() {
	local marker="$SRC_DIR/.initk9-unpacked"
	[[ -f $marker ]] && return 0
	log "unpacking the kubernetes source into $SRC_DIR"
	rm -rf "$SRC_DIR"
	mkdir -p "$(dirname "$SRC_DIR")"
	dpkg-source --no-check -x "$DL_DIR/kubernetes_${KUBE_DEB_SOURCE_VERSION}.dsc" "$SRC_DIR" \
		>"$INITK9_CACHE/dpkg-source.log" 2>&1 || {
		rm -f "$DL_DIR"/kubernetes_*
		die "dpkg-source -x failed, source download removed: run again (see $INITK9_CACHE/dpkg-source.log)"
	}
	[[ -d "$SRC_DIR/vendor" && -d "$SRC_DIR/cmd/kube-apiserver" ]] || die "the source has no vendor/ or cmd/kube-apiserver"
	touch "$marker"
}

go_env() {
	export GOROOT="$GOROOT_DIR" GOPATH="$GOPATH_DIR" GO111MODULE=off GOFLAGS='' GOPROXY=off \
		GOCACHE="$INITK9_CACHE/go-build" CGO_ENABLED=0 GOTOOLCHAIN=local
	export PATH="$GOROOT/bin:$GOPATH/bin:$PATH"
}

# Vendored reflect2 1.0.1 segfaults in map iteration with Go >= 1.18; Debian ships 1.0.2.
patch_reflect2() {
	local marker="$SRC_DIR/.initk9-reflect2" from="$ROOT_DIR/usr/share/gocode/src/github.com/modern-go/reflect2"
	[[ -f $marker ]] && return 0
	[[ -d $from ]] || die "golang-github-modern-go-reflect2-dev did not unpack to $from"
	log 'replacing vendored reflect2 1.0.1 with 1.0.2'
	rm -rf "$SRC_DIR/vendor/github.com/modern-go/reflect2"
	cp -rL "$from" "$SRC_DIR/vendor/github.com/modern-go/reflect2"
	rm -f "$SRC_DIR/vendor/github.com/modern-go/reflect2/go.mod"
	touch "$marker"
}

# As the 1.20 Makefile.generated_files does: every package tagged +k8s:openapi-gen= (staging named as
# vendor/, code-generator and sample-apiserver left out) feeds pkg/generated/openapi.
generate_openapi() {
	local out="$SRC_DIR/pkg/generated/openapi/zz_generated.openapi.go" marker="$SRC_DIR/.initk9-openapi"
	[[ -f $marker && -f $out ]] && return 0
	rm -f "$out"
	log 'generating pkg/generated/openapi with the vendored openapi-gen'
	(
		cd "$SRC_DIR"
		go install k8s.io/kubernetes/vendor/k8s.io/kube-openapi/cmd/openapi-gen
		local dirs
		dirs=$(find -H . -not \( \( -path './_*' -o -path './.*' -o -path ./vendor -o -path ./debian \) -prune \) \
			-type f -name '*.go' -print0 |
			xargs -0 grep -l --color=never '^// *+k8s:' |
			sed 's|^\./staging/src|vendor|; s|^\./||' |
			grep -v -E '^vendor/k8s.io/(code-generator|sample-apiserver)/' |
			xargs grep -l --color=never '+k8s:openapi-gen=' |
			xargs -n1 dirname | LC_ALL=C sort -u | sed 's|^|k8s.io/kubernetes/|' | paste -sd, -)
		[[ -n $dirs ]] || die 'found no +k8s:openapi-gen packages'
		openapi-gen --logtostderr -i "$dirs" -p k8s.io/kubernetes/pkg/generated/openapi \
			-O zz_generated.openapi -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt \
			-r "$INITK9_CACHE/openapi-violations.txt" >"$INITK9_CACHE/openapi-gen.log" 2>&1 ||
			die "openapi-gen failed (see $INITK9_CACHE/openapi-gen.log)"
	)
	[[ -f $out ]] || die "openapi-gen wrote no $out"
	touch "$marker"
}

# One `go build` per missing binary; both share the build cache while it lasts (kube-controller-manager
# after kube-apiserver: about a minute more on a warm cache).
build_cmd() {
	local cmd=$1 out=$2
	built "$out" && return 0
	log "building cmd/$cmd $KUBE_VERSION (GOPATH mode)"
	local pkg=k8s.io/kubernetes/vendor/k8s.io/component-base/version ldflags t0=$SECONDS
	ldflags="-s -w -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=20"
	ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=2021-01-13T13:20:00Z"
	ldflags+=" -X k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version.gitVersion=$KUBE_VERSION"
	mkdir -p "$BIN_DIR"
	(cd "$SRC_DIR" && go build -trimpath -ldflags "$ldflags" -o "$out.tmp" "./cmd/$cmd") \
		>"$INITK9_CACHE/build-$cmd.log" 2>&1 || die "go build ./cmd/$cmd failed (see $INITK9_CACHE/build-$cmd.log)"
	mv "$out.tmp" "$out"
	log "built cmd/$cmd in $((SECONDS - t0)) s"
}

build_binaries() {
	build_cmd kube-apiserver "$KUBE_APISERVER_BIN"
	build_cmd kube-controller-manager "$KUBE_CONTROLLER_MANAGER_BIN"
	# The build cache (~1.2 GB) serves no later run: the binaries are what is cached.
	[[ ${INITK9_KEEP_GO_CACHE:-} == 1 ]] || rm -rf "$INITK9_CACHE/go-build"
}

write_apt_config
fetch_packages
unpack_debs
unpack_source
go_env
patch_reflect2
generate_openapi
build_binaries
ready || die "$KUBE_APISERVER_BIN or $KUBE_CONTROLLER_MANAGER_BIN does not report $KUBE_VERSION"
log "ready in $((SECONDS - started)) s: $KUBE_APISERVER_BIN $KUBE_CONTROLLER_MANAGER_BIN"
print_paths
