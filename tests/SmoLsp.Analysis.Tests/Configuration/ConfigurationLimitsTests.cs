using SmoLsp.Analysis.Configuration;
using SmoLsp.Analysis.Rules;
using SmoLsp.Analysis.Tests.Engine;

namespace SmoLsp.Analysis.Tests.Configuration;

/// <summary>smolsp.json from an untrusted site: parsed in linear time, absurd counts refused with a plain message.</summary>
public sealed class ConfigurationLimitsTests
{
    private static readonly RuleDescriptor[] s_rules = [HeadRule.Rule, ReportEveryMetaRule.Rule];

    private static string Lines(int count, Func<int, string> line) => string.Join(",\n", Enumerable.Range(0, count).Select(line));

    [Fact(Timeout = 60_000)]
    public async Task A_hundred_thousand_entries_parse_in_linear_time_and_errors_after_them_have_the_right_line()
    {
        // One entry per line: the error after them is on line 100,004. Counting lines from the start of the file for
        // every token made this take five minutes.
        var json = "{\n  \"profiles\": [\n" + Lines(100_000, i => $"    \"https://example.com/u{i}\"") + "\n  ],\n  \"siteUrl\": \"not a url\"\n}\n";
        var result = await Task.Run(() => ConfigurationParser.Parse(json, "/site/smolsp.json", s_rules));

        result.Errors.Count.ShouldBe(2);
        result.Errors[0].ToString().ShouldBe("/site/smolsp.json:2:15: error: 'profiles': has 100,000 entries; at most 1,000 profiles are read (real sites need a handful)");
        result.Errors[1].Line.ShouldBe(100_004);
        result.Errors[1].Key.ShouldBe("siteUrl");
        result.Configuration.Profiles.ShouldBeEmpty();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hundred_thousand_errors_list_the_first_hundred_and_count_the_rest()
    {
        var json = "{\n  \"rules\": {\n" + Lines(100_000, i => $"    \"SMO9{i:D5}\": \"off\"") + "\n  }\n}\n";
        var result = await Task.Run(() => ConfigurationParser.Parse(json, "/site/smolsp.json", s_rules));

        result.Success.ShouldBeFalse();
        result.Errors.Count.ShouldBe(ConfigurationParser.MaxErrors + 1);
        result.Errors[0].ToString().ShouldBe("/site/smolsp.json:3:5: error: 'rules.SMO900000': unknown rule id; `smolsp rules` lists them");
        result.Errors[99].Line.ShouldBe(102);
        result.Errors[^1].Line.ShouldBe(103);
        result.Errors[^1].Message.ShouldBe("and 99,900 more errors from here on, not listed");
    }

    [Theory]
    [InlineData("profiles", ConfigurationParser.MaxProfiles, "\"https://example.com/u{0}\"")]
    [InlineData("include", ConfigurationParser.MaxGlobs, "\"pages/{0}/**\"")]
    [InlineData("exclude", ConfigurationParser.MaxGlobs, "\"legacy/{0}/**\"")]
    [InlineData("plugins", ConfigurationParser.MaxPlugins, "\"tools/p{0}.dll\"")]
    public void Lists_up_to_their_cap_are_read_and_one_more_entry_is_an_error(string key, int max, string item)
    {
        string Config(int count) => $"{{ \"{key}\": [" + Lines(count, i => string.Format(System.Globalization.CultureInfo.InvariantCulture, item, i)) + "] }";

        var atCap = ConfigurationParser.Parse(Config(max), "smolsp.json", s_rules);
        atCap.Errors.ShouldBeEmpty();

        var over = ConfigurationParser.Parse(Config(max + 1), "smolsp.json", s_rules);
        var error = over.Errors.ShouldHaveSingleItem();
        error.Key.ShouldBe(key);
        error.Message.ShouldContain($"at most {max:N0}");
    }
}
