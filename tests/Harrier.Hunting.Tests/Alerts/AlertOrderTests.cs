using Harrier.Hunting.Alerts;

namespace Harrier.Hunting.Tests.Alerts;

public class AlertOrderTests
{
    [Fact]
    public void Orders_by_time_then_file_then_record_then_rule()
    {
        var other = AlertTestData.Rule with { Id = "00000000-0000-4000-8000-000000000000" };
        var a = AlertTestData.Make(time: 2, file: "b.evtx", record: 1);
        var b = AlertTestData.Make(time: 1, file: "z.evtx", record: 9);
        var c = AlertTestData.Make(time: 2, file: "a.evtx", record: 5);
        var d = AlertTestData.Make(time: 2, file: "a.evtx", record: 4);
        var e = AlertTestData.Make(time: 2, file: "a.evtx", record: 4, rule: other);
        var sorted = new[] { a, b, c, d, e }.Order(AlertOrder.Instance).ToArray();
        Assert.Equal([b, e, d, c, a], sorted);
    }

    [Fact]
    public void FileTime_round_trips_and_zero_is_unknown()
    {
        var t = new DateTimeOffset(2019, 4, 30, 19, 27, 0, 297, TimeSpan.Zero);
        var ft = FileTimes.FromDateTimeOffset(t);
        Assert.Equal(t.ToFileTime(), ft);
        Assert.Equal(t, FileTimes.ToDateTimeOffset(ft));
        Assert.Equal(DateTimeOffset.MinValue, FileTimes.ToDateTimeOffset(0));
    }

    [Theory]
    [InlineData("informational", AlertLevel.Informational)]
    [InlineData("INFO", AlertLevel.Informational)]
    [InlineData("High", AlertLevel.High)]
    [InlineData("critical", AlertLevel.Critical)]
    public void Levels_parse(string text, AlertLevel expected)
    {
        Assert.True(AlertLevels.TryParse(text, out var level));
        Assert.Equal(expected, level);
        Assert.Equal(expected, AlertLevels.TryParse(level.ToSigma(), out var again) ? again : (AlertLevel)(-1));
    }

    [Fact]
    public void Unknown_level_is_rejected() => Assert.False(AlertLevels.TryParse("severe", out _));
}
