package com.contoso.media.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every repository-relative link and file reference resolves: Markdown links in the docs (relative to the page), and
 * paths into the repository named in code, scripts and docs ({@code docs/transcoding.md}, {@code scripts/test.sh},
 * {@code local/devhost/...}). Generated or runtime paths ({@code target/}, placeholders) are not references. Nothing
 * in the docs links outside the repository either.
 */
class RepositoryLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The repository's top-level folders a path may start with. */
    private static final String TOP = "(?:docs|scripts|bicep|web/src|web/e2e|tools|local|core|adapters|functions"
            + "|tests|bench|ffmpeg|durable-orchestrators|\\.ci)";
    private static final Pattern REPO_PATH = Pattern.compile("(?<![\\w./{}-])(" + TOP + "/[\\w./-]*[\\w-])");
    private static final Pattern TOP_FILE = Pattern.compile("(?<![\\w./-])((?:README|DESIGN)\\.md|azure\\.yaml"
            + "|host\\.json|local\\.settings\\.json)(?![\\w-])");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Set<String> SOURCES = Set.of(".java", ".md", ".sh", ".ps1", ".bicep", ".xml", ".yaml",
            ".mjs", ".js", ".json");

    @Test
    void everyMarkdownLinkResolvesAndNoneLeavesTheRepository() {
        List<String> broken = new ArrayList<>();
        for (Path page : files(".md")) {
            Matcher link = MARKDOWN_LINK.matcher(read(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("#")) {
                    continue;
                }
                if (target.matches("[a-z]+:.*")) {
                    broken.add(ROOT.relativize(page) + " links outside the repository: " + target);
                    continue;
                }
                Path resolved = page.getParent().resolve(target.replaceAll("#.*", "")).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + " → " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyPathIntoTheRepositoryNamedInCodeScriptsOrDocsExists() {
        List<String> broken = new ArrayList<>();
        for (Path file : files(null)) {
            String text = read(file);
            for (Pattern pattern : List.of(REPO_PATH, TOP_FILE)) {
                Matcher path = pattern.matcher(text);
                while (path.find()) {
                    String named = path.group(1);
                    if (isReference(named) && !Files.exists(ROOT.resolve(named))) {
                        broken.add(ROOT.relativize(file) + ": " + named);
                    }
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theReadmeIsAGuideOfAtMost250LinesWithTheTwoQuickstartCommands() {
        String readme = read(ROOT.resolve("README.md"));
        assertThat(readme.lines().count()).isLessThanOrEqualTo(250);
        assertThat(readme).contains("scripts/run-local.sh", "scripts/test.sh", "azd up", "azd down");
    }

    @Test
    void aBrokenReferenceIsFound() {
        // Built at run time, so this file itself names no missing page.
        Matcher path = REPO_PATH.matcher("see docs/" + "no-such-page.md and scripts/test.sh");
        List<String> found = new ArrayList<>();
        while (path.find()) {
            found.add(path.group(1));
        }
        assertThat(found).containsExactly("docs/" + "no-such-page.md", "scripts/test.sh");
        assertThat(Files.exists(ROOT.resolve(found.get(0)))).isFalse();
    }

    /** A path that names something in the repository, not a build output, a runtime folder or a pattern. */
    private static boolean isReference(String path) {
        return !path.contains("/target/") && !path.endsWith("/target") && !path.contains("node_modules")
                && !path.contains("/dist") && !path.contains("*") && !path.endsWith(".");
    }

    private static List<Path> files(String extension) {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(Files::isRegularFile)
                    .filter(path -> {
                        String relative = ROOT.relativize(path).toString();
                        return !relative.contains("node_modules") && !relative.contains("/target/")
                                && !relative.startsWith(".git/") && !relative.startsWith(".azurite")
                                && !relative.startsWith(".devhost") && !relative.startsWith("web/dist")
                                && !relative.endsWith("package-lock.json") && !relative.endsWith("openapi.json");
                    })
                    .filter(path -> extension == null
                            ? SOURCES.stream().anyMatch(path.toString()::endsWith)
                            : path.toString().endsWith(extension))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
