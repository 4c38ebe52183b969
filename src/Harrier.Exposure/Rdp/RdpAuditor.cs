using Harrier.Exposure.Findings;

namespace Harrier.Exposure.Rdp;

/// <summary>Probes every target (bounded concurrency) and collects the findings document; results keep the targets' order.</summary>
public static class RdpAuditor
{
    public static async Task<ExposureFindings> RunAsync(
        IReadOnlyList<RdpTarget> targets, RdpAuditOptions options,
        IProgress<RdpEndpointReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var asOf = options.Clock.GetUtcNow();
        var prober = new RdpProber(options);
        var reports = new RdpEndpointReport[targets.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var started = options.Clock.GetTimestamp();
                var report = await prober.ProbeAsync(targets[i], ct).ConfigureAwait(false);
                reports[i] = report with { ElapsedSeconds = Math.Round(options.Clock.GetElapsedTime(started).TotalSeconds, 3) };
                progress?.Report(reports[i]);
            }).ConfigureAwait(false);

        return new ExposureFindings
        {
            Audit = "rdp",
            AsOf = asOf,
            Scope = string.Join(" ", targets.Select(t => t.ToString())),
            Findings = FindingOrder.Sort(reports.SelectMany(RdpFindingRules.For)),
            Errors = reports.Where(r => r.Error is not null).Select(r => r.Error!).ToList(),
            Endpoints = reports,
        };
    }
}
