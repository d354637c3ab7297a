#!/usr/bin/env bash
# make demo: build the provider, start the Fivetran emulator, and run
# examples/quickstart through init, apply, output, plan and destroy.
#
# With FIVETRAN_APIKEY and FIVETRAN_APISECRET exported (and optionally
# FIVETRAN_API_URL) it runs against that Fivetran account instead of the
# emulator: it then CREATES REAL OBJECTS (and destroys them at the end).
#
# Everything it writes goes into one temporary folder (mktemp -d): the
# binaries, the Terraform CLI config, a copy of examples/quickstart with its
# .terraform folder, lock file and state, and the logs. Nothing is written to
# the clone's examples folder, and nothing Terraform-related to the user's home
# (no ~/.terraformrc, no ~/.terraform.d; only Go's usual build and module
# caches are used). The folder is removed at the end; when a step fails only
# its logs/ subfolder is kept and its path printed.
#
# `terraform init` runs for real, offline: the CLI config installs the local
# build from a filesystem mirror in the temporary folder. (With dev_overrides,
# init would still query the registry for the provider and fail offline.)
#
# Environment:
#   TERRAFORM      Terraform binary (default: .tools/bin/terraform, installed
#                  with `make terraform` when missing)
#   DEMO_YES=1     real-API mode: skip the 5 second pause before creating objects
#   DEMO_KEEP=1    keep the logs (and the rest of the temporary folder) at the end
#   DEMO_EMULATOR_FLAGS  extra emulator flags, e.g. "-latency 300ms -fault-rate 0.2"
#   FIVETRAN_APIKEY, FIVETRAN_APISECRET, FIVETRAN_API_URL   real-API mode
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

TERRAFORM=${TERRAFORM:-$root/.tools/bin/terraform}
provider_version=0.0.1 # the version the local build is installed as
total_steps=10
started_at=$SECONDS

if [[ -t 1 ]]; then
	bold=$'\033[1m' red=$'\033[31m' yellow=$'\033[33m' green=$'\033[32m' reset=$'\033[0m'
else
	bold='' red='' yellow='' green='' reset=''
fi

# --- state the cleanup needs --------------------------------------------------
tmp=''               # the temporary folder
work=''              # the copy of examples/quickstart terraform runs in
emu_pid=''           # the emulator's pid, when it runs
apply_started=0      # terraform apply ran (resources may exist)
destroyed=0          # terraform destroy succeeded
failed_step=''       # "[n/10] name" of the step that failed
failed_log=''        # its log
interrupted=''       # INT or TERM when the user stopped the demo
real_api=0           # 1: against a real Fivetran account
step_no=0
step_name=''
step_log=''

say() { printf '%s\n' "$*"; }
warn() { printf '%s%s%s\n' "$yellow" "$*" "$reset" >&2; }

# step NAME LOGNAME: announce step n of total_steps; sets step_log.
step() {
	step_no=$((step_no + 1))
	step_name=$1
	step_log=''
	if [[ -n ${2:-} ]]; then
		step_log=$tmp/logs/$(printf '%02d' "$step_no")-$2.log
		printf '\n%s==> [%d/%d] %s%s (log: %s)\n' "$bold" "$step_no" "$total_steps" "$step_name" "$reset" "$step_log"
	else
		printf '\n%s==> [%d/%d] %s%s\n' "$bold" "$step_no" "$total_steps" "$step_name" "$reset"
	fi
}

# fail [MESSAGE]: the current step failed; show the error part of its log and
# exit (the EXIT trap cleans up).
fail() {
	failed_step="[$step_no/$total_steps] $step_name"
	failed_log=$step_log
	printf '%sStep %s failed%s%s\n' "$red" "$failed_step" "${1:+: $1}" "$reset" >&2
	if [[ -n $failed_log && -s $failed_log ]]; then
		# From the first Terraform error box (or the last 20 lines) on.
		local first
		first=$(grep -n -m1 -E '^(│ )?Error: ' "$failed_log" | cut -d: -f1)
		printf -- '----- %s -----\n' "$failed_log" >&2
		if [[ -n $first ]]; then
			tail -n +"$((first > 1 ? first - 1 : 1))" "$failed_log" | head -n 40 >&2
		else
			tail -n 20 "$failed_log" >&2
		fi
		printf -- '-----\n' >&2
	fi
	exit 1
}

# run_logged PATTERN CMD...: run CMD with its output going to $step_log; the
# lines matching the extended regex PATTERN are also shown as they come. The
# filter ignores SIGINT/SIGTERM so that on Ctrl-C Terraform (which gets the
# signal too) can stop gracefully and still write its output and state. It is
# plain bash: it reads line by line where some awks (mawk) buffer a pipe.
# Returns CMD's exit code.
run_logged() {
	local pattern=$1
	shift
	"$@" 2>&1 | (
		trap '' INT TERM
		exec 3>"$step_log"
		while IFS= read -r line || [[ -n $line ]]; do
			printf '%s\n' "$line" >&3
			if [[ -n $pattern && $line =~ $pattern ]]; then
				printf '    %s\n' "$line"
			fi
		done
	)
	return "${PIPESTATUS[0]}"
}

tf() { "$TERRAFORM" -chdir="$work" "$@"; }

stop_emulator() {
	[[ -n $emu_pid ]] || return 0
	if kill -0 "$emu_pid" 2>/dev/null; then
		kill -TERM "$emu_pid" 2>/dev/null
		for _ in $(seq 50); do
			kill -0 "$emu_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$emu_pid" 2>/dev/null
	fi
	wait "$emu_pid" 2>/dev/null
	emu_pid=''
}

on_signal() {
	interrupted=$1
	trap '' INT TERM # the cleanup runs to its end; Terraform still gets a 2nd Ctrl-C
	printf '\n%sInterrupted (%s): cleaning up%s\n' "$yellow" "$1" "$reset" >&2
	exit 130
}

cleanup() {
	local rc=$?
	trap '' INT TERM
	set +e
	local keep_work=0
	# Destroy what apply created. Against the emulator this is for tidiness
	# (stopping it forgets everything); against a real account it matters.
	if [[ $apply_started == 1 && $destroyed == 0 && -n $work ]]; then
		local log=$tmp/logs/cleanup-destroy.log
		if [[ $real_api == 1 ]]; then
			warn "Destroying the objects the demo created in your Fivetran account (log: $log)"
		else
			say "Cleanup: terraform destroy against the emulator (log: $log)"
		fi
		if { [[ $real_api == 1 ]] || kill -0 "${emu_pid:-none}" 2>/dev/null; } && step_log=$log run_logged '(Destroy complete|Destruction complete|Error: )' \
			tf destroy -auto-approve -input=false -no-color; then
			destroyed=1
		elif [[ $real_api == 1 ]]; then
			keep_work=1
			warn "terraform destroy failed: objects may remain in your Fivetran account."
			warn "Their state is in $work; with the same FIVETRAN_APIKEY, FIVETRAN_APISECRET"
			warn "(and FIVETRAN_API_URL) exported, remove them with:"
			warn "  TF_CLI_CONFIG_FILE=$tmp/terraform.tfrc $TERRAFORM -chdir=$work destroy"
		fi
	fi
	if [[ -n $emu_pid ]]; then
		say "Cleanup: stopping the emulator (pid $emu_pid)"
		stop_emulator
	fi
	if [[ -n $failed_step ]]; then
		printf '\n%sDemo failed at step %s.%s\n' "$red" "$failed_step" "$reset" >&2
	fi
	if [[ -n $tmp && -d $tmp ]]; then
		if [[ $keep_work == 1 ]]; then
			rm -rf "$tmp/bin"
			printf 'Kept %s: the state of objects that may still exist, and the logs.\n' "$tmp" >&2
		elif [[ -n $failed_step ]]; then
			find "$tmp" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
			printf 'Logs are kept in %s/. See the failed step with:\n  less %s\n' "$tmp/logs" "${failed_log:-$tmp/logs}" >&2
			printf 'Remove them with: rm -rf %s\n' "$tmp" >&2
		elif [[ ${DEMO_KEEP:-} == 1 ]]; then
			rm -rf "$tmp/bin" "$tmp/providers"
			say "DEMO_KEEP=1: kept the logs and the working copy in $tmp"
		else
			rm -rf "$tmp"
		fi
	fi
	if [[ -n $interrupted ]]; then
		if [[ $keep_work == 1 ]]; then
			printf '%sDemo interrupted.%s\n' "$yellow" "$reset" >&2
		else
			printf '%sDemo interrupted; cleaned up.%s\n' "$yellow" "$reset" >&2
		fi
		exit 130
	fi
	[[ $rc == 0 && -n $failed_step ]] && rc=1
	exit "$rc"
}

trap cleanup EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

# --- environment ----------------------------------------------------------------
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# Settings of the user's own Terraform setup that would change what the demo
# does or write outside the temporary folder.
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_WORKSPACE TF_CLI_ARGS TF_LOG TF_LOG_PATH
for v in $(compgen -e | grep -E '^TF_CLI_ARGS_' || true); do unset "$v"; done

if [[ -n ${FIVETRAN_APIKEY:-} || -n ${FIVETRAN_APISECRET:-} ]]; then
	if [[ -z ${FIVETRAN_APIKEY:-} || -z ${FIVETRAN_APISECRET:-} ]]; then
		printf '%smake demo: set both FIVETRAN_APIKEY and FIVETRAN_APISECRET to run against a real Fivetran account, or neither to use the emulator.%s\n' "$red" "$reset" >&2
		exit 2
	fi
	real_api=1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fivetran-demo.XXXXXX") || exit 1
mkdir -p "$tmp/logs" "$tmp/bin"
work=$tmp/quickstart

say "${bold}Fivetran provider demo${reset}: examples/quickstart, temporary files in $tmp"
if [[ $real_api == 1 ]]; then
	say "Target: the REAL Fivetran API at ${FIVETRAN_API_URL:-https://api.fivetran.com/v1} (FIVETRAN_APIKEY is set)"
else
	say "Target: the project's Fivetran emulator (export FIVETRAN_APIKEY and FIVETRAN_APISECRET to use a real account)"
fi

# --- 1: build -------------------------------------------------------------------------
if [[ $real_api == 0 ]]; then
	step "Build the provider and the emulator (go build)" build
else
	step "Build the provider (go build)" build
fi
(
	echo "+ go build -o $tmp/bin/terraform-provider-fivetran ."
	go build -ldflags "-X main.version=$provider_version" -o "$tmp/bin/terraform-provider-fivetran" . || exit
	if [[ $real_api == 0 ]]; then
		echo "+ go build -o $tmp/bin/fivetran-emulator ./cmd/fivetran-emulator"
		go build -o "$tmp/bin/fivetran-emulator" ./cmd/fivetran-emulator
	fi
) >"$step_log" 2>&1 || fail "go build exited with code $?"
say "    built $(cd "$tmp/bin" && echo *) into $tmp/bin"

# --- 2: terraform ---------------------------------------------------------------------
step "Find Terraform (install it into .tools/bin when missing)" terraform-install
if [[ ! -x $TERRAFORM ]]; then
	say "    $TERRAFORM is missing: make terraform (about a minute, once)"
	run_logged 'Installing' make --no-print-directory -C "$root" terraform ||
		fail "make terraform exited with code $?"
fi
"$TERRAFORM" version >>"$step_log" 2>&1 || fail "$TERRAFORM does not run"
say "    $(grep -m1 '^Terraform v' "$step_log") at $TERRAFORM"

# --- 3: CLI config ----------------------------------------------------------------------
step "Write a Terraform CLI config that installs the local build, and copy examples/quickstart" cli-config
os_arch=$(go env GOOS)_$(go env GOARCH)
mirror=$tmp/providers
pkg=$mirror/registry.terraform.io/openpipes/fivetran/$provider_version/$os_arch
mkdir -p "$pkg" "$work" || fail
cp "$tmp/bin/terraform-provider-fivetran" "$pkg/terraform-provider-fivetran_v$provider_version" || fail
# A filesystem mirror (rather than dev_overrides) lets `terraform init` run
# exactly as for a user, offline: dev_overrides make init look the provider
# up in the registry anyway (and fail without internet).
cat >"$tmp/terraform.tfrc" <<EOF
# Written by make demo. Installs openpipes/fivetran from the local build;
# any other provider would come from the registry as usual.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/openpipes/fivetran"]
  }
  direct {
    exclude = ["registry.terraform.io/openpipes/fivetran"]
  }
}
EOF
export TF_CLI_CONFIG_FILE=$tmp/terraform.tfrc
cp "$root"/examples/quickstart/*.tf "$work"/ || fail "copying examples/quickstart failed"
{
	echo "TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE"
	cat "$TF_CLI_CONFIG_FILE"
	echo "working copy: $work"
	ls -l "$work"
} >"$step_log"
say "    TF_CLI_CONFIG_FILE=$TF_CLI_CONFIG_FILE (provider openpipes/fivetran v$provider_version from $mirror)"
say "    working copy: $work"

# --- 4: emulator or real API ---------------------------------------------------------
if [[ $real_api == 0 ]]; then
	step "Start the Fivetran emulator on a free loopback port" emulator
	# Its own session (or process group): a Ctrl-C in the terminal reaches
	# Terraform and this script, and the emulator stays up for the cleanup's
	# destroy; the cleanup stops it.
	emu_cmd=("$tmp/bin/fivetran-emulator" -listen 127.0.0.1:0 -api-key demo_key -api-secret demo_secret)
	# shellcheck disable=SC2206 # word splitting wanted: a list of flags
	emu_cmd+=(${DEMO_EMULATOR_FLAGS:-})
	if command -v setsid >/dev/null 2>&1; then
		setsid "${emu_cmd[@]}" >"$tmp/emulator.out" 2>"$step_log" &
	elif command -v perl >/dev/null 2>&1; then
		perl -e 'setpgrp(0, 0); exec @ARGV or die "exec: $!"' "${emu_cmd[@]}" >"$tmp/emulator.out" 2>"$step_log" &
	else
		"${emu_cmd[@]}" >"$tmp/emulator.out" 2>"$step_log" &
	fi
	emu_pid=$!
	url=''
	for _ in $(seq 100); do
		url=$(sed -n 's|^fivetran-emulator listening on \(http://[^ ]*\).*|\1|p' "$tmp/emulator.out" 2>/dev/null)
		[[ -n $url ]] && break
		kill -0 "$emu_pid" 2>/dev/null || break
		sleep 0.1
	done
	[[ -n $url ]] || fail "the emulator did not start"
	export FIVETRAN_APIKEY=demo_key FIVETRAN_APISECRET=demo_secret FIVETRAN_API_URL=$url
	say "    emulator (pid $emu_pid) listening on $url; its request log is this step's log"
	say "    FIVETRAN_API_URL=$url FIVETRAN_APIKEY=demo_key FIVETRAN_APISECRET=demo_secret"
else
	step "Use the real Fivetran API (no emulator)"
	# The example hosts do not exist: setup tests would fail. A unique group
	# name avoids clashing with a group of the account.
	export TF_VAR_run_setup_tests=${TF_VAR_run_setup_tests:-false}
	export TF_VAR_group_name=${TF_VAR_group_name:-terraform_quickstart_$(date +%Y%m%d_%H%M%S)}
	warn "    WARNING: this creates REAL objects in the Fivetran account of FIVETRAN_APIKEY:"
	warn "      group \"$TF_VAR_group_name\", a PostgreSQL destination, a PostgreSQL and a Google Sheets"
	warn "      connection (paused, pointing at example hosts). The demo destroys them at the end,"
	warn "      also when a step fails or you press Ctrl-C."
	if [[ ${DEMO_YES:-} != 1 ]]; then
		warn "    Starting in 5 seconds; press Ctrl-C to cancel (DEMO_YES=1 skips this pause)."
		sleep 5
	fi
fi

# --- 5: init --------------------------------------------------------------------------
step "terraform init (installs the local build through the CLI config)" init
run_logged '^- |successfully initialized' tf init -input=false -no-color || fail "exit code $?"

# --- 6: apply -------------------------------------------------------------------------
step "terraform apply -auto-approve" apply
apply_started=1
run_logged '^Plan: |(Creation|Read) complete|Still creating|^Apply complete|Interrupt received|^Stopping operation' \
	tf apply -auto-approve -input=false -no-color || fail "exit code $?"

# --- 7: outputs -----------------------------------------------------------------------
step "terraform output" output
run_logged '.' tf output -no-color || fail "exit code $?"

# --- 8: plan --------------------------------------------------------------------------
step "terraform plan -detailed-exitcode (expect no changes)" plan
run_logged '^No changes|^Plan: ' tf plan -detailed-exitcode -input=false -no-color
plan_rc=$?
case $plan_rc in
0) say "    exit code 0: nothing left to change" ;;
2)
	say "    exit code 2: the plan is not empty"
	fail "the plan after apply shows changes (exit code 2)"
	;;
*) fail "exit code $plan_rc" ;;
esac

# --- 9: destroy -----------------------------------------------------------------------
step "terraform destroy -auto-approve" destroy
run_logged 'Destruction complete|^Destroy complete' tf destroy -auto-approve -input=false -no-color ||
	fail "exit code $?"
destroyed=1

# --- 10: stop ---------------------------------------------------------------------------
if [[ $real_api == 0 ]]; then
	step "Stop the emulator and remove the temporary files"
	stop_emulator
else
	step "Remove the temporary files"
fi
[[ ${DEMO_KEEP:-} == 1 ]] || say "    removing $tmp (DEMO_KEEP=1 keeps the logs)"

elapsed=$((SECONDS - started_at))
printf '\n%sDemo finished:%s built the provider, created a group, a destination and two connections, saw an empty plan and destroyed them again (%s, %ds).\n' \
	"$green$bold" "$reset" "$([[ $real_api == 1 ]] && echo "real Fivetran API" || echo "emulator")" "$elapsed"
