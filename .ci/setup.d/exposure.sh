# Exposure audits (issue 6): a real Samba AD DC, xrdp and freerdp-shadow under Xvfb, started by the
# tests inside network namespaces they create (loopback only). Sourced by .ci/setup.
#
# apt must not start any daemon it installs (smbd/nmbd/samba-ad-dc/xrdp would listen on every
# interface): make sure policy-rc.d forbids it BEFORE the install that .ci/setup runs next.
if [ ! -x /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
fi

pkgs+=(
  iproute2 openssl                                   # ip netns; test certificates
  samba samba-ad-provision samba-dsdb-modules samba-vfs-modules winbind   # AD DC (recommends are not installed)
  krb5-user ldap-utils ldb-tools                     # kinit, ldapsearch/ldapmodify
  faketime libsasl2-modules-gssapi-mit               # back-dated pwdLastSet; SASL GSSAPI bind
  xrdp freerdp2-shadow-x11 xvfb winpr-utils          # RDP servers (winpr-hash writes the SAM file)
  nmap                                               # rdp-ntlm-info as the reference peer
)

setup_exposure() {
  # Nothing may be left running from the package install (policy-rc.d should have prevented it);
  # stop only the exact daemons these packages ship, by the pid files they write.
  local pidfile
  for pidfile in /run/xrdp/xrdp.pid /run/xrdp/xrdp-sesman.pid /run/samba/samba.pid /run/samba/smbd.pid /run/samba/nmbd.pid; do
    if [ -s "$pidfile" ]; then kill -TERM "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  return 0
}
