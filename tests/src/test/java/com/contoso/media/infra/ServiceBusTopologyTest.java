package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.events.EventType;
import com.contoso.media.usagereport.UsageProjection;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The usage-report subscription's SQL filter in Bicep lets through exactly the event types the report folds. */
class ServiceBusTopologyTest {

    @Test
    void theUsageSubscriptionFilterListsTheFoldedEventTypes() throws Exception {
        String bicep = Files.readString(PackagedFunctions.ROOT.resolve("bicep/modules/servicebus.bicep"));
        Matcher filter = Pattern.compile("sqlExpression: '(sys\\.Label IN \\(.*?\\))'").matcher(bicep);
        assertThat(filter.find()).as("usage-report SQL filter in servicebus.bicep").isTrue();

        Set<String> listed = new TreeSet<>();
        Matcher quoted = Pattern.compile("\\\\'([a-z.]+)\\\\'").matcher(filter.group(1));
        while (quoted.find()) {
            listed.add(quoted.group(1));
        }

        assertThat(listed).isEqualTo(UsageProjection.FOLDED.stream().map(EventType::value)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
