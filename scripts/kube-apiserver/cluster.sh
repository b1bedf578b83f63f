#!/usr/bin/env bash
# Starts and stops a real etcd + kube-apiserver v1.20.2 (and, on demand, kube-controller-manager) on
# free loopback ports, by PID.
#
#   cluster.sh start DIR [options]   certs, etcd, API server; waits for /readyz; prints DIR/cluster.env
#     --compaction-interval D        API server's --etcd-compaction-interval (default 5m; 0 = never)
#     --pod-watch-cache off          serve pod watches from etcd (a watch from a compacted RV gets 410)
#     --limited-namespace NS         namespace of the limited user's kubeconfig context (default team-a)
#     --owner-pid PID                stop the cluster when that process exits (crash safety)
#   cluster.sh stop DIR              stop the API server and etcd
#   cluster.sh stop-apiserver DIR [--kill]
#                                    stop only the API server (etcd keeps the data); --kill: SIGKILL
#                                    at once (a crash) instead of SIGTERM with up to 10 s to drain
#   cluster.sh start-apiserver DIR   start it again on the same port, with the same flags
#   cluster.sh compact DIR           compact etcd up to its current revision; prints the revision
#   cluster.sh start-controller-manager DIR
#                                    kube-controller-manager with the deployment, replicaset,
#                                    statefulset, job and daemonset controllers (admin kubeconfig,
#                                    no leader election); waits for its /healthz
#   cluster.sh stop-controller-manager DIR
#
# DIR/cluster.env (KEY=VALUE lines): SERVER, CA_FILE, ADMIN_TOKEN, LIMITED_TOKEN, KUBECONFIG,
# ETCD_ENDPOINT, APISERVER_PORT, ETCD_PORT, LIMITED_NAMESPACE, SERVER_CERT, SERVER_KEY, AUDIT_LOG.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$here/lib.sh"

usage() { die 'usage: cluster.sh start|stop|stop-apiserver|start-apiserver|compact|start-controller-manager|stop-controller-manager DIR [options]' 2; }
cmd="${1:-}"
dir="${2:-}"
[[ -n $cmd && -n $dir ]] || usage
shift 2
dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})' 2>/dev/null ||
		python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null ||
		die 'cannot find a free port (needs node or python3)'
}

# Is PID alive and running BINARY (guards against a reused PID)?
pid_runs() {
	local pid="$1" binary="$2"
	local cmdline
	[[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
	cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
	[[ $cmdline == *"$binary"* ]]
}

stop_pidfile() {
	local pidfile="$1" binary="$2" signal="${3:-TERM}" pid i
	[[ -f $pidfile ]] || return 0
	pid=$(<"$pidfile")
	if pid_runs "$pid" "$binary"; then
		kill "-$signal" "$pid" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do
			pid_runs "$pid" "$binary" || break
			sleep 0.1
		done
		pid_runs "$pid" "$binary" && kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$pidfile"
}

load_env() {
	[[ -f "$dir/cluster.env" ]] || die "$dir/cluster.env not found: run 'cluster.sh start $dir' first"
	# shellcheck disable=SC1091
	source "$dir/cluster.env"
}

# Alive and not a zombie (right after the fork the command line is still bash's: no binary check).
proc_alive() {
	local state
	state=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) || return 1
	[[ -n $state && $state != Z && $state != X ]]
}

wait_ready() {
	local url="$1" name="$2" pidfile="$3" binary="$4" logfile="$5" i code
	for ((i = 0; i < 600; i++)); do
		proc_alive "$(<"$pidfile")" || die "$name exited while starting: $(tail -n 3 "$logfile" | tr '\n' ' ')"
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 --cacert "$dir/ca.crt" \
			-H "Authorization: Bearer $(<"$dir/admin.token")" "$url" || true)
		[[ $code == 200 ]] && return 0
		sleep 0.1
	done
	die "$name not ready after 60 s (see $logfile)"
}

start_etcd() {
	local port peer
	port=$(free_port)
	peer=$(free_port)
	mkdir -p -m 700 "$dir/etcd-data"
	setsid "$ETCD_BIN" --name initk9 --data-dir "$dir/etcd-data" \
		--listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
		--listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
		--initial-cluster "initk9=http://127.0.0.1:$peer" --log-level warn --logger zap \
		</dev/null >"$dir/etcd.log" 2>&1 &
	echo $! >"$dir/etcd.pid"
	ETCD_PORT=$port
	ETCD_ENDPOINT="http://127.0.0.1:$port"
	wait_ready "$ETCD_ENDPOINT/health" etcd "$dir/etcd.pid" "$ETCD_BIN" "$dir/etcd.log"
}

write_audit_policy() {
	cat >"$dir/audit-policy.yaml" <<-'EOF'
		apiVersion: audit.k8s.io/v1
		kind: Policy
		omitStages: [RequestReceived]
		rules:
		- level: Metadata
	EOF
}

start_apiserver() {
	local extra=()
	[[ ${POD_WATCH_CACHE:-on} == off ]] && extra+=(--watch-cache-sizes=pods#0)
	setsid "$KUBE_APISERVER_BIN" \
		--etcd-servers="$ETCD_ENDPOINT" --etcd-compaction-interval="$COMPACTION_INTERVAL" \
		--bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" --insecure-port=0 \
		--tls-cert-file="$dir/server.crt" --tls-private-key-file="$dir/server.key" --cert-dir="$dir" \
		--token-auth-file="$dir/tokens.csv" --authorization-mode=RBAC \
		--service-account-key-file="$dir/sa.pub" --service-account-signing-key-file="$dir/sa.key" \
		--service-account-issuer=https://kubernetes.default.svc --api-audiences=https://kubernetes.default.svc \
		--service-cluster-ip-range=10.96.0.0/16 --disable-admission-plugins=ServiceAccount \
		--endpoint-reconciler-type=none --kubelet-preferred-address-types=InternalIP \
		--audit-policy-file="$dir/audit-policy.yaml" --audit-log-path="$AUDIT_LOG" --audit-log-maxsize=50 \
		--profiling=false --v=0 "${extra[@]}" \
		</dev/null >>"$dir/apiserver.log" 2>&1 &
	echo $! >"$dir/apiserver.pid"
	wait_ready "https://127.0.0.1:$APISERVER_PORT/readyz" kube-apiserver "$dir/apiserver.pid" "$KUBE_APISERVER_BIN" "$dir/apiserver.log"
}

# The workload controllers only: no scheduler, no kubelet, no node lifecycle. It talks to the API
# server as the admin (system:masters) through DIR/kubeconfig and serves /healthz on a free
# loopback port (the 1.20 insecure port; HTTPS serving off).
CONTROLLERS='deployment,replicaset,statefulset,job,daemonset'
start_controller_manager() {
	[[ -x $KUBE_CONTROLLER_MANAGER_BIN ]] || die "no kube-controller-manager yet: run scripts/kube-apiserver/provision.sh first"
	local port
	port=$(free_port)
	setsid "$KUBE_CONTROLLER_MANAGER_BIN" --kubeconfig="$dir/kubeconfig" --controllers="$CONTROLLERS" \
		--leader-elect=false --use-service-account-credentials=false \
		--address=127.0.0.1 --port="$port" --secure-port=0 --profiling=false --v=1 \
		</dev/null >>"$dir/controller-manager.log" 2>&1 &
	echo $! >"$dir/controller-manager.pid"
	wait_ready "http://127.0.0.1:$port/healthz" kube-controller-manager "$dir/controller-manager.pid" "$KUBE_CONTROLLER_MANAGER_BIN" "$dir/controller-manager.log"
}

write_kubeconfig() {
	local ca
	ca=$(base64 -w0 <"$dir/ca.crt")
	cat >"$dir/kubeconfig" <<-EOF
		apiVersion: v1
		kind: Config
		clusters:
		- name: initk9-real
		  cluster:
		    server: $SERVER
		    certificate-authority-data: $ca
		users:
		- name: initk9-admin
		  user:
		    token: $(<"$dir/admin.token")
		- name: initk9-limited
		  user:
		    token: $(<"$dir/limited.token")
		contexts:
		- name: initk9-admin
		  context: {cluster: initk9-real, user: initk9-admin, namespace: default}
		- name: initk9-limited
		  context: {cluster: initk9-real, user: initk9-limited, namespace: $LIMITED_NAMESPACE}
		current-context: initk9-admin
	EOF
}

write_env() {
	cat >"$dir/cluster.env" <<-EOF
		SERVER=$SERVER
		CA_FILE=$dir/ca.crt
		SERVER_CERT=$dir/server.crt
		SERVER_KEY=$dir/server.key
		ADMIN_TOKEN=$(<"$dir/admin.token")
		LIMITED_TOKEN=$(<"$dir/limited.token")
		KUBECONFIG=$dir/kubeconfig
		LIMITED_NAMESPACE=$LIMITED_NAMESPACE
		ETCD_ENDPOINT=$ETCD_ENDPOINT
		ETCD_PORT=$ETCD_PORT
		APISERVER_PORT=$APISERVER_PORT
		AUDIT_LOG=$AUDIT_LOG
		COMPACTION_INTERVAL=$COMPACTION_INTERVAL
		POD_WATCH_CACHE=$POD_WATCH_CACHE
	EOF
}

# Stops the cluster once OWNER exits, so a crashed test run leaves nothing behind.
start_watchdog() {
	local owner="$1"
	setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -f "$2/cluster.env" ]]; do sleep 1; done; [[ -f "$2/cluster.env" ]] && "$3" stop "$2"' \
		watchdog "$owner" "$dir" "$here/cluster.sh" </dev/null >/dev/null 2>&1 &
	echo $! >"$dir/watchdog.pid"
}

case "$cmd" in
start)
	COMPACTION_INTERVAL=5m POD_WATCH_CACHE=on LIMITED_NAMESPACE=team-a owner=''
	while (($#)); do
		case "$1" in
		--compaction-interval) COMPACTION_INTERVAL="${2:?}"; shift 2 ;;
		--pod-watch-cache) POD_WATCH_CACHE="${2:?}"; shift 2 ;;
		--limited-namespace) LIMITED_NAMESPACE="${2:?}"; shift 2 ;;
		--owner-pid) owner="${2:?}"; shift 2 ;;
		*) die "unknown option $1" 2 ;;
		esac
	done
	[[ -x $KUBE_APISERVER_BIN && -x $ETCD_BIN ]] || die "no binaries yet: run scripts/kube-apiserver/provision.sh first"
	command -v curl >/dev/null || die 'curl not found'
	[[ -f "$dir/cluster.env" ]] && "$here/cluster.sh" stop "$dir"
	# Whatever fails from here on: leave no process behind.
	trap 'stop_pidfile "$dir/apiserver.pid" "$KUBE_APISERVER_BIN"; stop_pidfile "$dir/etcd.pid" "$ETCD_BIN"; rm -f "$dir/cluster.env"' EXIT
	bash "$here/certs.sh" "$dir"
	write_audit_policy
	AUDIT_LOG="$dir/audit.log"
	start_etcd
	APISERVER_PORT=$(free_port)
	SERVER="https://127.0.0.1:$APISERVER_PORT"
	write_env
	write_kubeconfig
	[[ -n $owner ]] && start_watchdog "$owner"
	start_apiserver
	trap - EXIT
	cat "$dir/cluster.env"
	;;
stop)
	load_env
	stop_pidfile "$dir/controller-manager.pid" "$KUBE_CONTROLLER_MANAGER_BIN"
	stop_pidfile "$dir/apiserver.pid" "$KUBE_APISERVER_BIN"
	stop_pidfile "$dir/etcd.pid" "$ETCD_BIN"
	rm -f "$dir/cluster.env"
	if [[ -f "$dir/watchdog.pid" ]]; then
		wpid=$(<"$dir/watchdog.pid")
		rm -f "$dir/watchdog.pid"
		[[ $wpid != "$PPID" ]] && kill "$wpid" 2>/dev/null || true
	fi
	;;
stop-apiserver)
	load_env
	signal=TERM
	[[ ${1:-} == --kill ]] && signal=KILL
	stop_pidfile "$dir/apiserver.pid" "$KUBE_APISERVER_BIN" "$signal"
	;;
start-apiserver)
	load_env
	pid_runs "$(cat "$dir/apiserver.pid" 2>/dev/null || true)" "$KUBE_APISERVER_BIN" && die 'the API server is already running'
	start_apiserver
	;;
start-controller-manager)
	load_env
	pid_runs "$(cat "$dir/controller-manager.pid" 2>/dev/null || true)" "$KUBE_CONTROLLER_MANAGER_BIN" && die 'the controller manager is already running'
	start_controller_manager
	;;
stop-controller-manager)
	load_env
	stop_pidfile "$dir/controller-manager.pid" "$KUBE_CONTROLLER_MANAGER_BIN"
	;;
compact)
	load_env
	status=$(ETCDCTL_API=3 "$ETCDCTL_BIN" --endpoints="$ETCD_ENDPOINT" endpoint status -w json) ||
		die "etcdctl endpoint status failed at $ETCD_ENDPOINT"
	[[ $status =~ \"revision\":([0-9]+) ]] || die 'could not read the etcd revision'
	rev=${BASH_REMATCH[1]}
	ETCDCTL_API=3 "$ETCDCTL_BIN" --endpoints="$ETCD_ENDPOINT" compact "$rev" >/dev/null
	echo "$rev"
	;;
*) usage ;;
esac
