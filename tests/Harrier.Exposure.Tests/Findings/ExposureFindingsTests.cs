using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Tests.Findings;

public sealed class ExposureFindingsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("harrier-findings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static ExposureFindings Sample() => new()
    {
        Audit = "ad",
        AsOf = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero),
        Scope = "ldaps://dc1:636/DC=corp,DC=example",
        Findings =
        [
            new ExposureFinding
            {
                Id = FindingIds.Kerberoastable, Title = "t", Severity = Severity.Critical, Fix = "f",
                Subject = new ExposureSubject
                {
                    Kind = SubjectKind.Account, Name = "svc_sql", SamAccountName = "svc_sql", UserPrincipalName = "svc_sql@corp.example",
                    Domain = "corp.example", NetbiosDomain = "CORP",
                },
                Evidence = [new("servicePrincipalName", "MSSQLSvc/sql01:1433")],
            },
            new ExposureFinding
            {
                Id = FindingIds.UnconstrainedDelegation, Title = "t", Severity = Severity.High, Fix = "f",
                Subject = new ExposureSubject { Kind = SubjectKind.Computer, Name = "SRV01$", SamAccountName = "SRV01$", Domain = "corp.example", NetbiosDomain = "CORP" },
                Evidence = [],
            },
            new ExposureFinding
            {
                Id = FindingIds.NlaNotEnforced, Title = "t", Severity = Severity.High, Fix = "f",
                Subject = new ExposureSubject { Kind = SubjectKind.Endpoint, Name = "10.0.0.5:3389", Host = "10.0.0.5", Address = "10.0.0.5", Port = 3389, HostAliases = ["RDS01.corp.example"] },
                Evidence = [new("offer TLS", "selected TLS")],
            },
        ],
    };

    [Fact]
    public void SaveAndLoad_RoundTrip_ByteForByte()
    {
        var path = Path.Combine(_dir, "f.json");
        var doc = Sample();
        doc.Save(path);
        var loaded = ExposureFindings.Load(path);
        Assert.Equal(doc.ToJsonUtf8(), loaded.ToJsonUtf8());
        Assert.Equal("svc_sql@corp.example", loaded.Findings[0].Subject.UserPrincipalName);
        Assert.Equal(Severity.Critical, loaded.Findings[0].Severity);
        Assert.Equal("MSSQLSvc/sql01:1433", loaded.Findings[0].EvidenceValue("servicePrincipalName"));
    }

    [Fact]
    public void Json_UsesTheDocumentedNames()
    {
        var json = System.Text.Encoding.UTF8.GetString(Sample().ToJsonUtf8());
        Assert.Contains("\"format\": \"harrier-exposure-findings\"", json);
        Assert.Contains("\"version\": 1", json);
        Assert.Contains("\"severity\": \"critical\"", json);
        Assert.Contains("\"kind\": \"endpoint\"", json);
        Assert.Contains("\"samAccountName\": \"svc_sql\"", json);
        Assert.DoesNotContain("null", json);
    }

    [Theory]
    [InlineData("{\"format\":\"other\",\"version\":1,\"audit\":\"ad\",\"asOf\":\"2026-01-01T00:00:00Z\",\"scope\":\"x\",\"findings\":[]}", "format is 'other'")]
    [InlineData("{\"format\":\"harrier-exposure-findings\",\"version\":9,\"audit\":\"ad\",\"asOf\":\"2026-01-01T00:00:00Z\",\"scope\":\"x\",\"findings\":[]}", "version 9")]
    [InlineData("{\"format\":\"harrier-exposure-findings\",\"version\":1,\"audit\":\"ad\",\"asOf\":\"2026-01-01T00:00:00Z\",\"scope\":\"x\"}", "findings")]
    [InlineData("{\n  \"format\": \"harrier-exposure-findings\",\n  \"findings\": [ { \"severity\": \"dire\" } ]\n}", "line 3")]
    [InlineData("not json", "line 1")]
    public void Load_BadFile_NamesFileAndProblem(string text, string expected)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, text);
        var e = Assert.Throws<ExposureFormatException>(() => ExposureFindings.Load(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Load_MissingFile_Throws() =>
        Assert.Contains("cannot read", Assert.Throws<ExposureFormatException>(() => ExposureFindings.Load(Path.Combine(_dir, "none.json"))).Message);

    [Fact]
    public void Csv_QuotesAndOrdersColumns()
    {
        var csv = FindingsCsv.Write(Sample().Findings).Split('\n');
        Assert.Equal("id,severity,title,subject_kind,subject,sam_account_name,user_principal_name,sid,domain,netbios_domain,host,address,port,distinguished_name,evidence,fix", csv[0]);
        Assert.Equal("AD-KERBEROAST,critical,t,account,svc_sql,svc_sql,svc_sql@corp.example,,corp.example,CORP,,,,,servicePrincipalName=MSSQLSvc/sql01:1433,f", csv[1]);
    }

    /// <summary>
    /// The format writes enums as camelCase strings through one generic converter per enum (the native build has no
    /// runtime code generation, so the catch-all converter is not used); an enum added to the format without its
    /// converter would be written as a number.
    /// </summary>
    [Fact]
    public void Json_EveryEnumOfTheFormatHasAStringConverter()
    {
        var seen = new HashSet<Type>();
        var enums = new List<Type>();
        void Walk(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (!seen.Add(t) || t == typeof(string)) return;
            if (t.IsEnum) { enums.Add(t); return; }
            if (t.IsGenericType) foreach (var a in t.GetGenericArguments()) Walk(a);
            if (t.Namespace?.StartsWith("Harrier", StringComparison.Ordinal) != true) return;
            foreach (var p in t.GetProperties()) Walk(p.PropertyType);
        }
        Walk(typeof(ExposureFindings));
        Assert.Contains(typeof(Severity), enums);
        foreach (var e in enums)
            Assert.True(ExposureJson.Options.Converters.Any(c => c.CanConvert(e) && c.GetType().IsGenericType), $"{e.Name} has no string converter");
    }
}
