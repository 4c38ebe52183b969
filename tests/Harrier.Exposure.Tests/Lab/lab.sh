#!/usr/bin/env bash
# Test lab for the exposure audits: a Samba AD DC and RDP servers, each inside a network namespace
# this script creates with only `lo` up (no packet can leave it). Needs root. Used by the xunit
# fixtures (SambaLab, RdpLab); runnable by hand:
#   lab.sh netns-up NS | netns-down NS
#   lab.sh run NS DIR CMD...          run CMD in NS with DIR/hosts, DIR/resolv.conf over /etc (private mounts)
#   lab.sh samba-start NS DIR         provision TEST.LOCAL in DIR/samba, start it, plant the objects
#   lab.sh rdp-start NS DIR           xrdp x2, freerdp-shadow x2 (Xvfb), an HTTP and a silent port
#   lab.sh stop DIR                   stop every server this lab started (pid files under DIR)
# Secrets come from the environment (LAB_ADMIN_PASSWORD, LAB_USER_PASSWORD), never from argv.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cmd="${1:?command}"; shift

netns_up() { ip netns list | grep -qw "$1" || ip netns add "$1"; ip netns exec "$1" ip link set lo up; }

write_resolver_files() {   # $1 = DIR
  printf '127.0.0.1 localhost\n127.0.0.1 dc1.test.local dc1\n::1 localhost ip6-localhost ip6-loopback\n' > "$1/hosts"
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$1/resolv.conf"
  cat > "$1/krb5.conf" <<'K'
[libdefaults]
    default_realm = TEST.LOCAL
    dns_lookup_realm = false
    dns_lookup_kdc = false
    rdns = false
[realms]
    TEST.LOCAL = {
        kdc = 127.0.0.1
        admin_server = 127.0.0.1
    }
[domain_realm]
    .test.local = TEST.LOCAL
    test.local = TEST.LOCAL
K
}

run_in() {   # NS DIR CMD...: `ip netns exec` gives the command a private mount namespace
  local ns="$1" dir="$2"; shift 2
  ip netns exec "$ns" bash -c 'mount --bind "$0/hosts" /etc/hosts; mount --bind "$0/resolv.conf" /etc/resolv.conf; export KRB5_CONFIG="$0/krb5.conf"; exec "$@"' "$dir" "$@"
}

wait_port() {   # NS PORT TRIES(0.1 s)
  local i
  for ((i = 0; i < $3; i++)); do
    ip netns exec "$1" bash -c "exec 3<>/dev/tcp/127.0.0.1/$2" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "lab: nothing listens on 127.0.0.1:$2 in $1" >&2; return 1
}

stamp() { echo "lab: $1 at +$((SECONDS))s" >&2; }

samba_start() {
  local ns="$1" dir="$2" d="$2/samba"
  : "${LAB_ADMIN_PASSWORD:?}" "${LAB_USER_PASSWORD:?}"
  netns_up "$ns"; write_resolver_files "$dir"
  rm -rf "$d"; mkdir -p "$d"
  run_in "$ns" "$dir" samba-tool domain provision --use-rfc2307 --realm=TEST.LOCAL --domain=TEST --server-role=dc \
    --dns-backend=SAMBA_INTERNAL --adminpass="$LAB_ADMIN_PASSWORD" --targetdir="$d" --host-name=dc1 \
    --option="interfaces=lo" --option="bind interfaces only=yes" > "$d/provision.log" 2>&1
  stamp provisioned
  local c="$d/etc/smb.conf"
  # provision copies the host resolver into a DNS forwarder; the network services reach out: remove both.
  sed -i -e '/dns forwarder/d' -e "s#log file = .*#log file = $d/log.%m#" "$c"
  sed -i "/\[global\]/a\\	server services = -dnsupdate -nbt -wrepl\n\tdns update command = /bin/true\n\tpid directory = $d/run\n\tntp signd socket directory = $d/ntp_signd\n\twinbindd socket directory = $d/winbindd\n\tlog level = 0" "$c"
  mkdir -p "$d/run"
  run_in "$ns" "$dir" samba -i -M single --debug-stdout -s "$c" > "$d/samba.out" 2>&1 &
  local i
  for ((i = 0; i < 600; i++)); do
    run_in "$ns" "$dir" ldapsearch -x -LLL -H ldap://127.0.0.1 -b "" -s base defaultNamingContext > /dev/null 2>&1 && break
    sleep 0.1
  done
  [ -s "$d/run/samba.pid" ] || { echo "lab: samba did not start" >&2; tail -20 "$d/samba.out" >&2; return 1; }
  stamp "samba answers LDAP (pid $(cat "$d/run/samba.pid"))"
  # the DC's CA in OpenSSL's hashed layout, for verified LDAPS (harrier audit ad --ca-dir)
  mkdir -p "$d/cadir"; cp "$d/private/tls/ca.pem" "$d/cadir/"; openssl rehash "$d/cadir" > /dev/null
  run_in "$ns" "$dir" samba_spnupdate -s "$c" > "$d/spnupdate.log" 2>&1 || true   # DC SPNs for GSSAPI
  bash "$here/risky-objects.sh" > "$d/objects.ldif"
  run_in "$ns" "$dir" env LDAPTLS_REQCERT=never ldapmodify -x -H ldaps://127.0.0.1 -D 'Administrator@test.local' \
    -y <(printf '%s' "$LAB_ADMIN_PASSWORD") -f "$d/objects.ldif" > "$d/ldapmodify.log" 2>&1 \
    || { echo "lab: ldapmodify failed" >&2; tail -5 "$d/ldapmodify.log" >&2; return 1; }
  stamp "objects planted"
  # pwdLastSet cannot be back-dated over LDAP: set those passwords on the local database with faketime.
  run_in "$ns" "$dir" faketime '2017-06-01 10:00:00' samba-tool user setpassword krbtgt --newpassword="Krb!${LAB_USER_PASSWORD}" --configfile="$c" > /dev/null
  run_in "$ns" "$dir" faketime '2016-01-01 10:00:00' samba-tool user setpassword staleuser --newpassword="$LAB_USER_PASSWORD" --configfile="$c" > /dev/null
  run_in "$ns" "$dir" faketime '2019-03-01 10:00:00' samba-tool user setpassword oldadmin --newpassword="$LAB_USER_PASSWORD" --configfile="$c" > /dev/null
  # setpassword re-enables krbtgt (UAC 512): disable it again, as on every real domain.
  printf 'dn: CN=krbtgt,CN=Users,DC=test,DC=local\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 514\n' |
    run_in "$ns" "$dir" env LDAPTLS_REQCERT=never ldapmodify -x -H ldaps://127.0.0.1 -D 'Administrator@test.local' \
      -y <(printf '%s' "$LAB_ADMIN_PASSWORD") > /dev/null
  stamp "passwords back-dated"
}

rdp_start() {
  local ns="$1" dir="$2" r="$2/rdp" display="${LAB_DISPLAY:-77}"
  netns_up "$ns"; write_resolver_files "$dir"
  rm -rf "$r"; mkdir -p "$r/home-leaky" "$r/home-nla"
  # xrdp with a certificate naming an internal host (the leak), and one naming only localhost.
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$r/leaky.key" -out "$r/leaky.pem" -days 30 \
    -subj "/CN=RDPHOST01.corp.example.internal" -addext "subjectAltName=DNS:RDPHOST01.corp.example.internal,DNS:rdphost01" 2> /dev/null
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$r/clean.key" -out "$r/clean.pem" -days 30 \
    -subj "/CN=localhost" 2> /dev/null
  local name port
  for spec in leaky:3390 clean:3391; do
    name="${spec%%:*}"; port="${spec##*:}"
    sed -e "s#^port=.*#port=tcp://127.0.0.1:$port#" -e "s#^certificate=.*#certificate=$r/$name.pem#" \
        -e "s#^key_file=.*#key_file=$r/$name.key#" -e "s#^LogFile=.*#LogFile=$r/xrdp-$name.log#" \
        -e 's#^EnableSyslog=.*#EnableSyslog=false#' -e 's#^security_layer=.*#security_layer=negotiate#' \
        /etc/xrdp/xrdp.ini > "$r/xrdp-$name.ini"
    ip netns exec "$ns" xrdp -n -c "$r/xrdp-$name.ini" > "$r/xrdp-$name.out" 2>&1 &
    echo $! > "$r/xrdp-$name.pid"
  done
  # freerdp-shadow with NLA (NTLM from a SAM file), its names from a private UTS hostname.
  # -displayfd: Xvfb writes the display number once it accepts clients; -noreset: a client
  # leaving must not make it reset under the next one (its abstract socket
  # @/tmp/.X11-unix/X<display> is private to the namespace; no file socket is made).
  ip netns exec "$ns" Xvfb ":$display" -displayfd 3 -noreset -nolisten tcp -nolisten unix -screen 0 800x600x24 3> "$r/xvfb.ready" > "$r/xvfb.out" 2>&1 &
  echo $! > "$r/xvfb.pid"
  local i
  for ((i = 0; i < 100; i++)); do [ -s "$r/xvfb.ready" ] && break; sleep 0.1; done
  [ -s "$r/xvfb.ready" ] || { echo "lab: Xvfb :$display did not start" >&2; cat "$r/xvfb.out" >&2; return 1; }
  winpr-hash -u rdpuser -p "${LAB_USER_PASSWORD:-Rdp!Passw0rd}" -d RDPLAB -f sam > "$r/SAM"
  local extra
  for spec in "nla:3389:" "nlaonly:3393:-sec-rdp -sec-tls -sec-ext"; do
    IFS=: read -r name port extra <<< "$spec"
    mkdir -p "$r/home-$name"
    # shellcheck disable=SC2086
    ip netns exec "$ns" unshare -u bash -c 'hostname rdphost01; d="$1"; shift; exec env HOME="$0" DISPLAY=":$d" freerdp-shadow-cli "$@"' \
      "$r/home-$name" "$display" /bind-address:127.0.0.1 "/port:$port" "/sam-file:$r/SAM" +auth +sec-nla $extra > "$r/shadow-$name.out" 2>&1 &
    echo $! > "$r/shadow-$name.pid"
    wait_port "$ns" "$port" 150 || { tail -n 5 "$r"/*.out >&2; return 1; }   # one at a time: both are X clients
  done
  # a non-RDP service and a port that accepts but never answers
  ip netns exec "$ns" python3 "$here/tcp-dummies.py" 127.0.0.1 8080 3392 > "$r/dummies.out" 2>&1 &
  echo $! > "$r/dummies.pid"
  for port in 3389 3390 3391 3393 8080 3392; do
    wait_port "$ns" "$port" 150 || { tail -n 5 "$r"/*.out >&2; return 1; }
  done
  stamp "rdp servers listening"
}

stop_all() {   # every pid file under DIR (samba writes its own: samba/run/samba.pid)
  local f pid
  while IFS= read -r f; do
    pid="$(cat "$f" 2> /dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -TERM "$pid" 2> /dev/null || true
  done < <(find "$1" -name '*.pid' -type f 2> /dev/null)
  local i
  for ((i = 0; i < 50; i++)); do
    local alive=0
    while IFS= read -r f; do
      pid="$(cat "$f" 2> /dev/null || true)"
      [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2> /dev/null && alive=1
    done < <(find "$1" -name '*.pid' -type f 2> /dev/null)
    ((alive)) || return 0
    sleep 0.1
  done
  while IFS= read -r f; do
    pid="$(cat "$f" 2> /dev/null || true)"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2> /dev/null || true
  done < <(find "$1" -name '*.pid' -type f 2> /dev/null)
}

case "$cmd" in
  netns-up) netns_up "$1" ;;
  netns-down) ip netns del "$1" 2> /dev/null || true ;;
  run) run_in "$@" ;;
  samba-start) samba_start "$@" ;;
  rdp-start) rdp_start "$@" ;;
  stop) stop_all "$1" ;;
  *) echo "lab: unknown command $cmd" >&2; exit 2 ;;
esac
