#!/usr/bin/env bash
# Prints the LDIF of the lab domain's objects: each risky one planted for one or more findings,
# each clean one a near miss that must NOT be reported. The tests (SambaLab.Expected) name them.
set -euo pipefail
: "${LAB_USER_PASSWORD:?}"
pw="$(printf '"%s"' "$LAB_USER_PASSWORD" | iconv -t UTF-16LE | base64 -w0)"
base='DC=test,DC=local'
user() {   # name uac [extra LDIF lines...]
  local n="$1" uac="$2"; shift 2
  printf 'dn: CN=%s,CN=Users,%s\nchangetype: add\nobjectClass: user\nsAMAccountName: %s\nuserPrincipalName: %s@test.local\nunicodePwd:: %s\nuserAccountControl: %s\n' \
    "$n" "$base" "$n" "$n" "$pw" "$uac"
  local l; for l in "$@"; do printf '%s\n' "$l"; done
  echo
}
member() { printf 'dn: %s\nchangetype: modify\nadd: member\nmember: %s\n\n' "$1" "$2"; }
replace() { printf 'dn: %s\nchangetype: modify\nreplace: %s\n%s: %s\n\n' "$1" "$2" "$2" "$3"; }
U() { printf 'CN=%s,CN=Users,%s' "$1" "$base"; }

user svc_sql 512 'servicePrincipalName: MSSQLSvc/sql01.test.local:1433'        # Kerberoastable
user adminsvc 66048 'servicePrincipalName: HTTP/web01.test.local'               # privileged + SPN + never expires
user asrep_user 4194816                                                          # no pre-auth
user neverexp 66048                                                              # password never expires
user notreqd 544                                                                 # password not required
user reversible 640                                                              # reversible encryption
user desonly 2097664                                                             # DES only (UAC flag)
user des_enctypes 512 'msDS-SupportedEncryptionTypes: 3'                         # DES only (enctypes)
user aes_svc 512 'servicePrincipalName: HTTP/aes.test.local' 'msDS-SupportedEncryptionTypes: 24' # Kerberoastable, AES only
user deleg_user 524800                                                           # unconstrained delegation
user staleuser 512 'lastLogonTimestamp: 131000000000000000'                     # inactive since 2016 (pwd back-dated too)
user oldadmin 512 'lastLogonTimestamp: 131000000000000000'                      # privileged, inactive, old password
user protadmin 1049088                                                           # privileged, NOT_DELEGATED, Protected Users: clean
user nestedadmin 512                                                             # privileged through a nested group
user exadmin 512 'adminCount: 1'                                                 # adminCount left behind
# near misses: disabled accounts carrying every risky flag, and a plain user
user disabled_user 4260386 'servicePrincipalName: MSSQLSvc/old.test.local:1433' 'lastLogonTimestamp: 131000000000000000'
user disabled_admin 514
user plainuser 512
printf 'dn: CN=SRV01,CN=Computers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: SRV01$\nuserAccountControl: 528384\n\n' "$base"
printf 'dn: CN=WS01,CN=Computers,%s\nchangetype: add\nobjectClass: computer\nsAMAccountName: WS01$\nuserAccountControl: 4096\nmsDS-AllowedToDelegateTo: cifs/srv01.test.local\n\n' "$base"
printf 'dn: CN=Tier0Ops,CN=Users,%s\nchangetype: add\nobjectClass: group\nsAMAccountName: Tier0Ops\n\n' "$base"
member "CN=Domain Admins,CN=Users,$base" "$(U adminsvc)"
member "CN=Domain Admins,CN=Users,$base" "$(U oldadmin)"
member "CN=Domain Admins,CN=Users,$base" "$(U protadmin)"
member "CN=Domain Admins,CN=Users,$base" "$(U disabled_admin)"
member "CN=Protected Users,CN=Users,$base" "$(U protadmin)"
member "CN=Tier0Ops,CN=Users,$base" "$(U nestedadmin)"
member "CN=Administrators,CN=Builtin,$base" "CN=Tier0Ops,CN=Users,$base"
replace "$(U adminsvc)" adminCount 1
replace "CN=Guest,CN=Users,$base" userAccountControl 66080                     # Guest enabled
