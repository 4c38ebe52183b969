namespace Harrier.Exposure.Findings;

/// <summary>What a finding is about.</summary>
public enum SubjectKind
{
    /// <summary>A user (or service) account in a directory.</summary>
    Account,

    /// <summary>A computer account in a directory.</summary>
    Computer,

    /// <summary>The directory itself (domain-wide settings).</summary>
    Domain,

    /// <summary>A network service reached at host:port.</summary>
    Endpoint,
}
