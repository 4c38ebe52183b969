using System.DirectoryServices.Protocols;
using System.Globalization;

namespace Harrier.Exposure.Ad;

/// <summary>Reads the accounts, groups and domain names the rules need, with paged searches.</summary>
static class AdSnapshotReader
{
    static readonly string[] AccountAttributes =
    [
        "distinguishedName", "sAMAccountName", "userPrincipalName", "objectSid", "objectClass", "userAccountControl",
        "servicePrincipalName", "msDS-AllowedToDelegateTo", "msDS-SupportedEncryptionTypes", "pwdLastSet",
        "lastLogonTimestamp", "whenCreated", "adminCount", "primaryGroupID",
    ];

    static readonly string[] GroupAttributes = ["distinguishedName", "sAMAccountName", "objectSid", "member"];

    public static AdSnapshot Read(LdapDirectory ldap, string baseDn)
    {
        var domain = ldap.ReadBase(baseDn, "objectSid", "distinguishedName")
            ?? throw new AdConnectionException($"the base DN '{baseDn}' does not exist or cannot be read");
        var accounts = ldap.Search(baseDn, "(objectClass=user)", AccountAttributes).Select(ToAccount).OfType<AdAccount>()
            .OrderBy(a => a.SamAccountName, StringComparer.OrdinalIgnoreCase).ToList();
        var groups = ldap.Search(baseDn, "(objectClass=group)", GroupAttributes).Select(e => ToGroup(ldap, e))
            .OrderBy(g => g.DistinguishedName, StringComparer.OrdinalIgnoreCase).ToList();
        return new AdSnapshot
        {
            BaseDn = baseDn,
            DnsDomain = DnsNameOf(baseDn),
            NetbiosDomain = ReadNetbiosName(ldap, baseDn),
            DomainSid = Binary(domain, "objectSid") is { } sid ? Sids.ToText(sid) : null,
            Accounts = accounts,
            Groups = groups,
        };
    }

    static AdAccount? ToAccount(SearchResultEntry e)
    {
        var sam = Text(e, "sAMAccountName");
        if (sam is null) return null;
        var classes = Texts(e, "objectClass");
        return new AdAccount
        {
            DistinguishedName = e.DistinguishedName,
            SamAccountName = sam,
            UserPrincipalName = Text(e, "userPrincipalName"),
            Sid = Binary(e, "objectSid") is { } sid ? Sids.ToText(sid) : null,
            IsComputer = classes.Contains("computer", StringComparer.OrdinalIgnoreCase),
            Uac = (UserAccountControl)(uint)(Integer(e, "userAccountControl") ?? 0),
            ServicePrincipalNames = Texts(e, "servicePrincipalName").Order(StringComparer.Ordinal).ToList(),
            AllowedToDelegateTo = Texts(e, "msDS-AllowedToDelegateTo").Order(StringComparer.Ordinal).ToList(),
            SupportedEncryptionTypes = Integer(e, "msDS-SupportedEncryptionTypes") is { } et ? (KerberosEncryptionTypes)(uint)et : null,
            PasswordLastSet = FileTime(e, "pwdLastSet"),
            LastLogon = FileTime(e, "lastLogonTimestamp"),
            WhenCreated = GeneralizedTime(Text(e, "whenCreated")),
            AdminCount = Integer(e, "adminCount") is { } ac ? (int)ac : null,
            PrimaryGroupId = Integer(e, "primaryGroupID") is { } pg ? (int)pg : null,
        };
    }

    static AdGroup ToGroup(LdapDirectory ldap, SearchResultEntry e)
    {
        var members = Texts(e, "member").ToList();
        // Groups larger than the server's MaxValRange come back as member;range=0-1499: fetch the rest.
        var ranged = e.Attributes.AttributeNames.Cast<string>().FirstOrDefault(n => n.StartsWith("member;range=", StringComparison.OrdinalIgnoreCase));
        if (ranged is not null)
        {
            var values = e.Attributes[ranged].GetValues(typeof(string)).Cast<string>().ToList();
            members.AddRange(values);
            var end = ranged[(ranged.IndexOf('-') + 1)..];
            if (end != "*") members.AddRange(ldap.RangedValues(e.DistinguishedName, "member", int.Parse(end, CultureInfo.InvariantCulture) + 1));
        }
        return new AdGroup(e.DistinguishedName, Text(e, "sAMAccountName") ?? e.DistinguishedName,
            Binary(e, "objectSid") is { } sid ? Sids.ToText(sid) : null, members);
    }

    static string? ReadNetbiosName(LdapDirectory ldap, string baseDn)
    {
        var root = ldap.ReadBase("", "configurationNamingContext");
        if (root is null || Text(root, "configurationNamingContext") is not { } config) return null;
        try
        {
            var filter = $"(&(objectClass=crossRef)(nCName={EscapeFilter(baseDn)}))";
            return ldap.Search($"CN=Partitions,{config}", filter, "nETBIOSName").Select(x => Text(x, "nETBIOSName")).FirstOrDefault(n => n is not null);
        }
        catch (AdConnectionException) { return null; }
    }

    public static string DnsNameOf(string dn) =>
        string.Join('.', dn.Split(',').Select(p => p.Trim()).Where(p => p.StartsWith("DC=", StringComparison.OrdinalIgnoreCase)).Select(p => p[3..])).ToLowerInvariant();

    static string EscapeFilter(string value)
    {
        var sb = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
            sb.Append(c switch { '\\' => @"\5c", '*' => @"\2a", '(' => @"\28", ')' => @"\29", '\0' => @"\00", _ => c.ToString() });
        return sb.ToString();
    }

    static string? Text(SearchResultEntry e, string name) =>
        e.Attributes.Contains(name) && e.Attributes[name].Count > 0 ? e.Attributes[name].GetValues(typeof(string)).Cast<string>().FirstOrDefault() : null;

    static IEnumerable<string> Texts(SearchResultEntry e, string name) =>
        e.Attributes.Contains(name) ? e.Attributes[name].GetValues(typeof(string)).Cast<string>() : [];

    static byte[]? Binary(SearchResultEntry e, string name) =>
        e.Attributes.Contains(name) && e.Attributes[name].Count > 0 ? e.Attributes[name].GetValues(typeof(byte[])).Cast<byte[]>().FirstOrDefault() : null;

    static long? Integer(SearchResultEntry e, string name) =>
        long.TryParse(Text(e, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    // Large-integer times are FILETIME (100 ns since 1601 UTC); 0 and Int64.MaxValue mean "never".
    static DateTimeOffset? FileTime(SearchResultEntry e, string name) =>
        Integer(e, name) is { } ft && ft > 0 && ft < DateTime.MaxValue.ToFileTimeUtc() ? new DateTimeOffset(DateTime.FromFileTimeUtc(ft)) : null;

    // whenCreated is a GeneralizedTime: 20261126160842.0Z
    static DateTimeOffset? GeneralizedTime(string? s) =>
        s is not null && DateTime.TryParseExact(s, ["yyyyMMddHHmmss.0Z", "yyyyMMddHHmmss.fZ", "yyyyMMddHHmmssZ"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
