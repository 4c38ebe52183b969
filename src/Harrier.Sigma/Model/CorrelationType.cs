namespace Harrier.Sigma.Model;

/// <summary>The seven correlation types of Sigma v2.1.</summary>
public enum CorrelationType
{
    EventCount,
    ValueCount,
    Temporal,
    TemporalOrdered,
    ValueSum,
    ValueAvg,
    ValuePercentile,
}
