using System.Globalization;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Matching.Predicates;

public enum TimePart { Minute, Hour, Day, Week, Month, Year }

/// <summary>
/// <c>minute hour day week month year</c>: that part of a date/time value (ISO 8601 or
/// "yyyy-MM-dd HH:mm:ss.fff" as Sysmon writes UtcTime; no time-zone conversion), compared.
/// Week is the ISO 8601 week number.
/// </summary>
internal sealed class TimePartPredicate(TimePart part, ComparisonOperator op, double operand) : ValuePredicate
{
    public TimePart Part => part;
    public ComparisonOperator Operator => op;
    public double Operand => operand;

    public override bool IsMatch(ReadOnlySpan<char> value, MatchScope scope)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
            return false;
        var x = part switch
        {
            TimePart.Minute => t.Minute,
            TimePart.Hour => t.Hour,
            TimePart.Day => t.Day,
            TimePart.Week => ISOWeek.GetWeekOfYear(t),
            TimePart.Month => t.Month,
            _ => t.Year,
        };
        return NumericPredicate.Compare(op, x, operand);
    }
}
