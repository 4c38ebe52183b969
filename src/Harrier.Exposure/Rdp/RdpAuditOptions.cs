namespace Harrier.Exposure.Rdp;

/// <summary>Settings of an RDP audit.</summary>
public sealed record RdpAuditOptions
{
    /// <summary>The limit for each network step (connect, each reply, the TLS handshake).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many targets are probed at once.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>The clock for <see cref="Findings.ExposureFindings.AsOf"/> and certificate validity.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
