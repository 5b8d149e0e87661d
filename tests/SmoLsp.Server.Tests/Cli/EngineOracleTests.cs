using System.Diagnostics;
using SmoLsp.Analysis.Engine;
using SmoLsp.Rules;
using SmoLsp.Server.Cli;
using SmoLsp.Tests;

namespace SmoLsp.Server.Tests.Cli;

/// <summary>
/// The real engines are the oracle: each test writes a small site, builds it with the engine (Hugo, Jekyll with
/// jekyll-seo-tag, Django, Jinja; offline), and checks that <c>smolsp check</c> on the templates and on the built pages
/// agree on which page misses which tag. On the templates a finding is reported once, where it must be fixed: on the
/// page, or on a layout that answers for every page composed in it; so a page misses what is reported on it or on
/// one of its layouts. Runs where the engines are installed (<c>.ci/run</c> installs them); skipped elsewhere,
/// except in CI.
/// </summary>
public sealed class EngineOracleTests
{
    // The rules that say a page misses a tag.
    private static readonly string[] s_missingTagRules = ["SMO001", "SMO002", "SMO003", "SMO004", "SMO005", "SMO006", "SMO101", "SMO201", "SMO207", "SMO305"];

    private static AnalysisEngine Engine() => new(BuiltInRules.All.Where(r => s_missingTagRules.Contains(r.Descriptor.Id)));

    /// <summary>A page: its template, what the engine built from it, and the layouts it is composed in.</summary>
    private sealed record Page(string Template, string Built, params string[] Layouts);

    private static Dictionary<string, SortedSet<string>> FindingsByFile(TempTree tree, IReadOnlyList<string> paths)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        new CheckRunner(stdout, stderr, Engine()).Run(new CheckOptions { Paths = paths, WorkingDirectory = tree.Root });
        var run = new CheckRun(0, stdout.ToString(), stderr.ToString());
        run.Stderr.ShouldBeEmpty();
        var byFile = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var parts in run.ProblemLines.Select(l => l.Split(' ')))
        {
            var file = parts[0][..parts[0].IndexOf(':', StringComparison.Ordinal)];
            if (!byFile.TryGetValue(file, out var ids))
            {
                byFile[file] = ids = new SortedSet<string>(StringComparer.Ordinal);
            }

            ids.Add(parts[2]);
        }

        return byFile;
    }

    /// <summary>Checks the templates and the built pages, and compares what each page misses.</summary>
    private static void TemplatesAndBuiltPagesAgree(TempTree tree, IReadOnlyList<string> templatePaths, IReadOnlyList<Page> pages)
    {
        var onTemplates = FindingsByFile(tree, templatePaths);
        var onBuilt = FindingsByFile(tree, [.. pages.Select(p => p.Built)]);
        foreach (var page in pages)
        {
            File.Exists(tree.PathOf(page.Built)).ShouldBeTrue($"the engine built no {page.Built}");
            var fromTemplates = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in page.Layouts.Prepend(page.Template))
            {
                fromTemplates.UnionWith(onTemplates.GetValueOrDefault(file) ?? []);
            }

            var fromBuilt = onBuilt.GetValueOrDefault(page.Built) ?? [];
            string.Join(' ', fromTemplates).ShouldBe(string.Join(' ', fromBuilt), $"{page.Template} (templates) vs {page.Built} (built)");
        }

        // Something must be missing somewhere, or the comparison proves nothing.
        onBuilt.Values.Sum(v => v.Count).ShouldBeGreaterThan(0);
    }

    [EngineFact("jekyll")]
    public void Jekyll_with_seo_tag()
    {
        using var tree = new TempTree();
        tree.Write("_config.yml", "title: Acme Widgets\ndescription: Widgets for every workshop, made in Leeds since 1921.\nurl: https://acme.example\nlogo: /img/logo.png\ntwitter:\n  username: acme\nplugins:\n  - jekyll-seo-tag\n");
        tree.Write("_layouts/default.html", "<!DOCTYPE html>\n<html lang=\"en\">\n  {%- include head.html -%}\n  <body>\n    {{ content }}\n    <footer><a href=\"https://github.com/acme\">GitHub</a></footer>\n  </body>\n</html>\n");
        tree.Write("_includes/head.html", "<head>\n  <meta charset=\"utf-8\">\n  {%- seo -%}\n</head>\n");
        tree.Write("_layouts/post.html", "---\nlayout: default\n---\n<article>{{ content }}</article>\n");
        tree.Write("_layouts/bare.html", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>{{ page.title | escape }} | Acme</title>\n  <meta name=\"description\" content=\"{{ page.description }}\">\n</head>\n<body>\n  {{ content }}\n</body>\n</html>\n");
        tree.Write("index.html", "---\nlayout: default\ntitle: Widgets for every workshop\ndescription: Acme makes widgets for every workshop, from the smallest bench to the largest line.\nimage: /img/card.png\n---\n<h1>Acme</h1>\n");
        tree.Write("launch.html", "---\nlayout: post\ntitle: Our new widget range\ndescription: Eight new widgets for the workshop, each tested for a year on our own benches.\nimage: /img/launch.png\n---\n<p>Eight new widgets.</p>\n");
        tree.Write("about.html", "---\nlayout: bare\ntitle: About the Acme company\ndescription: Who makes Acme widgets, where, and since when, told by the people who make them.\n---\n<h1>About</h1>\n");

        EngineTools.Run(tree.Root, "jekyll", "build", "--quiet");
        TemplatesAndBuiltPagesAgree(tree, ["_layouts", "_includes", "index.html", "launch.html", "about.html"],
        [
            new("index.html", "_site/index.html", "_layouts/default.html"),
            new("launch.html", "_site/launch.html", "_layouts/post.html", "_layouts/default.html"),
            new("about.html", "_site/about.html", "_layouts/bare.html"),
        ]);
    }

    [EngineFact("hugo")]
    public void Hugo_with_internal_templates_and_a_head_block()
    {
        using var tree = new TempTree();
        tree.Write("hugo.toml", "baseURL = \"https://acme.example/\"\ntitle = \"Acme Widgets\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\", \"home\", \"section\"]\n[params]\n  title = \"Acme Widgets\"\n  description = \"Widgets for every workshop.\"\n  images = [\"img/card.png\"]\n");
        tree.Write("layouts/_default/baseof.html", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  {{ partial \"head.html\" . }}\n  {{ block \"head\" . }}{{ end }}\n</head>\n<body>\n  {{ block \"main\" . }}{{ end }}\n  {{ partial \"footer.html\" . }}\n</body>\n</html>\n");
        tree.Write("layouts/partials/head.html", "<meta charset=\"utf-8\">\n<title>{{ .Title }} | {{ .Site.Title }}</title>\n<meta name=\"description\" content=\"{{ .Description }}\">\n{{ template \"_internal/opengraph.html\" . }}\n{{ template \"_internal/twitter_cards.html\" . }}\n");
        tree.Write("layouts/partials/footer.html", "<footer><a href=\"https://github.com/acme\">GitHub</a></footer>\n");
        tree.Write("layouts/_default/single.html", "{{ define \"main\" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}\n");
        tree.Write("layouts/page/single.html", "{{ define \"head\" }}<link rel=\"canonical\" href=\"{{ .Permalink }}\">{{ end }}\n{{ define \"main\" }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main>{{ end }}\n");
        tree.Write("content/posts/launch.md", "---\ntitle: \"Our new widget range\"\ndescription: \"Eight new widgets for the workshop, each tested for a year on our own benches.\"\n---\nText.\n");
        tree.Write("content/about.md", "---\ntitle: \"About the Acme company\"\ndescription: \"Who makes Acme widgets, where, and since when, told by the people who make them.\"\ntype: page\n---\nText.\n");

        EngineTools.Run(tree.Root, "hugo", "--quiet");
        TemplatesAndBuiltPagesAgree(tree, ["layouts"],
        [
            // A post (section "posts") renders with _default/single.html and misses its canonical link, reported there;
            // a page at the content root has type "page" and renders with page/single.html.
            new("layouts/_default/single.html", "public/posts/launch/index.html", "layouts/_default/baseof.html"),
            new("layouts/page/single.html", "public/about/index.html", "layouts/_default/baseof.html"),
        ]);
    }

    private const string DjangoBase = """
        {% load static %}<!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>{% block title %}Acme Widgets{% endblock %}</title>
          <meta name="description" content="{% block description %}Widgets for every workshop, made in Leeds since 1921.{% endblock %}">
          <meta property="og:site_name" content="Acme Widgets">
          <meta property="og:type" content="website">
          {% block extra_head %}{% endblock %}
        </head>
        <body>
          {% include "includes/header.html" %}
          {% block content %}{% endblock %}
        </body>
        </html>

        """;

    private const string HomeHead = """
          <meta property="og:title" content="Widgets for every workshop">
          <meta property="og:description" content="Acme makes widgets for every workshop, from the smallest bench to the largest line.">
          <meta property="og:image" content="https://acme.example/img/card.png">
          <meta property="og:url" content="https://acme.example/">
          <link rel="canonical" href="https://acme.example/">
          <meta name="twitter:card" content="summary_large_image">
        """;

    private static void WriteInheritanceSite(TempTree tree, string super)
    {
        tree.Write("templates/base.html", super == "super()" ? DjangoBase.Replace("{% load static %}", string.Empty, StringComparison.Ordinal) : DjangoBase);
        tree.Write("templates/includes/header.html", "<header><a href=\"https://www.linkedin.com/company/acme\">LinkedIn</a></header>\n");
        tree.Write("templates/pages/home.html", "{% extends \"base.html\" %}\n{% block title %}Widgets for every workshop | Acme{% endblock %}\n{% block extra_head %}\n" + HomeHead + "\n{% endblock %}\n{% block content %}<h1>Acme</h1>{% endblock %}\n");
        tree.Write("templates/pages/about.html", "{% extends \"base.html\" %}\n{% block title %}About the Acme company | Acme{% endblock %}\n{% block extra_head %}{{ " + super + " }}\n  <meta property=\"og:title\" content=\"About the Acme company\">\n{% endblock %}\n{% block content %}<h1>About</h1>{% endblock %}\n");
    }

    private static readonly Page[] s_inheritancePages =
    [
        new("templates/pages/home.html", "out/pages/home.html", "templates/base.html"),

        // About adds og:title only: it misses og:description, og:image, og:url, the canonical link and twitter:card.
        new("templates/pages/about.html", "out/pages/about.html", "templates/base.html"),
    ];

    [EngineFact("django")]
    public void Django_extends_blocks_and_include()
    {
        using var tree = new TempTree();
        WriteInheritanceSite(tree, "block.super");
        tree.Write("render.py", """
            import sys, pathlib, django
            from django.conf import settings
            root = pathlib.Path(sys.argv[1])
            settings.configure(TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [str(root / "templates")]}],
                               INSTALLED_APPS=["django.contrib.staticfiles"], STATIC_URL="/static/")
            django.setup()
            from django.template.loader import render_to_string
            for name in sys.argv[2:]:
                target = root / "out" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(render_to_string(name, {}), encoding="utf-8")
            """);
        EngineTools.Run(tree.Root, EngineTools.Python!, "render.py", tree.Root, "pages/home.html", "pages/about.html");
        TemplatesAndBuiltPagesAgree(tree, ["templates"], s_inheritancePages);
    }

    [EngineFact("jinja2")]
    public void Jinja_extends_blocks_super_and_include()
    {
        using var tree = new TempTree();
        WriteInheritanceSite(tree, "super()");
        tree.Write("render.py", """
            import sys, pathlib, jinja2
            root = pathlib.Path(sys.argv[1])
            env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "templates")))
            for name in sys.argv[2:]:
                target = root / "out" / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(env.get_template(name).render(), encoding="utf-8")
            """);
        EngineTools.Run(tree.Root, EngineTools.Python!, "render.py", tree.Root, "pages/home.html", "pages/about.html");
        TemplatesAndBuiltPagesAgree(tree, ["templates"], s_inheritancePages);
    }
}

/// <summary>Where the real engines are: on the PATH (hugo, jekyll), or as Python modules (django, jinja2).</summary>
internal static class EngineTools
{
    private static readonly Dictionary<string, bool> s_available = new(StringComparer.Ordinal);

    /// <summary>The Python that has the Debian packages (python3-django, python3-jinja2): the system one first.</summary>
    public static string? Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : OnPath("python3");

    public static string? SkipReason(string tool)
    {
        if (Available(tool))
        {
            return null;
        }

        return Corpus.IsCi ? null : $"skipped: {tool} is not installed (apt-get install {Package(tool)}; .ci/run installs it)";
    }

    private static string Package(string tool) => tool switch
    {
        "django" => "python3-django",
        "jinja2" => "python3-jinja2",
        "jekyll" => "jekyll ruby-jekyll-seo-tag",
        _ => tool,
    };

    private static bool Available(string tool)
    {
        lock (s_available)
        {
            if (!s_available.TryGetValue(tool, out var found))
            {
                found = tool switch
                {
                    "django" or "jinja2" => Python is not null && Succeeds(Python, "-c", "import " + tool),
                    "jekyll" => OnPath("jekyll") is not null && Succeeds("ruby", "-e", "require 'jekyll-seo-tag'"),
                    _ => OnPath(tool) is not null,
                };
                s_available[tool] = found;
            }

            return found;
        }
    }

    private static string? OnPath(string exe) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, exe)).FirstOrDefault(File.Exists);

    private static bool Succeeds(string exe, params string[] args)
    {
        try
        {
            using var process = Start(Environment.CurrentDirectory, exe, args);
            process.WaitForExit(30_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static Process Start(string directory, string exe, string[] args)
    {
        var info = new ProcessStartInfo(exe) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // Builds are offline and must not depend on the machine's locale.
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["LC_ALL"] = "C.UTF-8";
        return Process.Start(info)!;
    }

    /// <summary>Runs the engine in <paramref name="directory"/>; fails the test with its output when it fails.</summary>
    public static void Run(string directory, string exe, params string[] args)
    {
        using var process = Start(directory, exe, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000).ShouldBeTrue($"{exe} did not finish in 2 minutes");
        process.ExitCode.ShouldBe(0, $"{exe} {string.Join(' ', args)} failed:\n{stdout.Result}\n{stderr.Result}");
    }
}

/// <summary>A fact that needs a template engine installed: skipped without it, except in CI (where it must be there).</summary>
public sealed class EngineFactAttribute : FactAttribute
{
    public EngineFactAttribute(string tool)
    {
        Skip = EngineTools.SkipReason(tool);
    }
}
