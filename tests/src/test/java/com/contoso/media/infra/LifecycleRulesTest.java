package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The library is the only copy of what was accepted: no lifecycle rule may delete from it. A rule that deletes must
 * name the inbox as its only prefix (a rule with no prefix would reach every container).
 */
class LifecycleRulesTest {

    private static final Path STORAGE = PackagedFunctions.ROOT.resolve("bicep/modules/storage.bicep");
    private static final Pattern RULE = Pattern.compile("\\n\\s*\\{\\s*\\n(?:\\s*//[^\\n]*\\n)*\\s*name: '([^']+)'");
    private static final Pattern PREFIXES = Pattern.compile("prefixMatch:\\s*\\[([^\\]]*)\\]");

    @Test
    void onlyTheInboxRuleDeletesAndNoRuleDeletesFromTheLibrary() throws IOException {
        List<Rule> rules = rules(Files.readString(STORAGE));
        assertThat(rules).extracting(Rule::name).contains("inbox-safety-net", "archive-originals");

        for (Rule rule : rules) {
            if (rule.body().contains("delete:")) {
                assertThat(rule.prefixes()).as("prefixes of deleting rule %s", rule.name())
                        .containsExactly("'${uploadsContainer}/'");
            }
            assertThat(rule.prefixes()).as("prefixes of rule %s", rule.name()).isNotEmpty();
        }
        assertThat(rules).filteredOn(rule -> rule.prefixes().contains("'${mediaContainer}/'"))
                .allSatisfy(rule -> assertThat(rule.body()).doesNotContain("delete:"));
    }

    @Test
    void theCheckCatchesARuleThatDeletesFromTheLibrary() throws IOException {
        String broken = Files.readString(STORAGE).replace(
                "tierToArchive: { daysAfterModificationGreaterThan: originalArchiveAfterDays }",
                "delete: { daysAfterModificationGreaterThan: originalArchiveAfterDays }");

        assertThat(rules(broken)).filteredOn(rule -> rule.body().contains("delete:"))
                .anySatisfy(rule -> assertThat(rule.prefixes()).contains("'${mediaContainer}/'"));
    }

    /** Each rule runs from its opening brace to the next rule's (or the end of the policy). */
    private static List<Rule> rules(String bicep) {
        String policy = bicep.substring(bicep.indexOf("managementPolicies@"));
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Matcher m = RULE.matcher(policy); m.find(); ) {
            starts.add(m.start());
            names.add(m.group(1));
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            String body = policy.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : policy.length());
            Matcher prefixes = PREFIXES.matcher(body);
            List<String> found = prefixes.find()
                    ? Arrays.stream(prefixes.group(1).split(",")).map(String::trim).toList() : List.of();
            rules.add(new Rule(names.get(i), body, found));
        }
        return rules;
    }

    private record Rule(String name, String body, List<String> prefixes) {
    }
}
