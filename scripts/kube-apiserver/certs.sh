#!/usr/bin/env bash
# Makes what a TLS-only kube-apiserver needs in DIR (idempotent: existing files are kept):
#   ca.{key,crt}          a self-made CA
#   server.{key,crt}      serving cert for 127.0.0.1 / localhost, signed by the CA (also used by the
#                         fake kubelet's log server)
#   sa.{key,pub}          service-account signing key pair
#   tokens.csv            --token-auth-file: an admin token (group system:masters) and a token for
#                         a user with no rights until RBAC grants some (initk9-limited)
#   admin.token, limited.token
# Usage: certs.sh DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

dir="${1:?usage: certs.sh DIR}"
command -v openssl >/dev/null || die 'openssl not found'
mkdir -p "$dir"
cd "$dir"
umask 077

ssl() { openssl "$@" 2>>openssl.log || die "openssl $1 failed (see $dir/openssl.log)"; }

if [[ ! -s ca.crt || ! -s ca.key ]]; then
	ssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj '/CN=initk9-test-ca'
fi
if [[ ! -s server.crt || ! -s server.key ]]; then
	cat >server.ext <<-'EOF'
		subjectAltName = IP:127.0.0.1, DNS:localhost
		keyUsage = critical, digitalSignature, keyEncipherment
		extendedKeyUsage = serverAuth
	EOF
	ssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1'
	ssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 3650 -extfile server.ext
	rm -f server.csr
fi
if [[ ! -s sa.key || ! -s sa.pub ]]; then
	ssl genrsa -out sa.key 2048
	ssl rsa -in sa.key -pubout -out sa.pub
fi
if [[ ! -s tokens.csv ]]; then
	admin=$(openssl rand -hex 16)
	limited=$(openssl rand -hex 16)
	printf '%s\n' "$admin" >admin.token
	printf '%s\n' "$limited" >limited.token
	printf '%s,initk9-admin,initk9-admin,"system:masters"\n%s,initk9-limited,initk9-limited\n' "$admin" "$limited" >tokens.csv
fi
