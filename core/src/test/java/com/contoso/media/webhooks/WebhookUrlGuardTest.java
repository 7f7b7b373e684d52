package com.contoso.media.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookUrlGuardTest {

    /** A resolver with fixed answers, and one name whose answer changes on the second look (DNS rebinding). */
    private final Map<String, List<String>> dns = Map.of(
            "hooks.example.com", List.of("203.0.113.10"),
            "internal.example.com", List.of("10.1.2.3"),
            "mixed.example.com", List.of("203.0.113.10", "192.168.1.5"),
            "metadata.example.com", List.of("169.254.169.254"),
            "v6.example.com", List.of("2606:4700::1111"),
            "localhost", List.of("127.0.0.1", "::1"));
    private final WebhookUrlGuard.HostResolver resolver = host -> {
        List<String> answers = dns.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        return answers.stream().map(WebhookUrlGuardTest::address).toList();
    };
    private final WebhookUrlGuard azure = new WebhookUrlGuard(false, resolver);
    private final WebhookUrlGuard local = new WebhookUrlGuard(true, resolver);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
            "169.254.1.1", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "2001:0:4136:e378::1"})
    void refusesEveryAddressThatIsNotPublicUnicast(String address) {
        assertThat(AddressClassifier.refusal(address(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.10", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8", "2002:808:808::1"})
    void allowsPublicAddresses(String address) {
        assertThat(AddressClassifier.refusal(address(address))).as(address).isEmpty();
    }

    @Test
    void namesTheMetadataEndpointForWhatItIs() {
        assertThat(AddressClassifier.refusal(address("169.254.169.254"))).contains("cloud metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook", "https://[::ffff:10.0.0.1]/hook", "https://[fd00::1]/hook",
            "https://internal.example.com/hook", "https://mixed.example.com/hook", "https://metadata.example.com/",
            "https://127.0.0.1:8443/hook", "https://localhost/hook"})
    void refusesUrlsThatReachPrivateAddressesDirectlyOrThroughDns(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(WebhookUrlRefusedException.class)
                .extracting(e -> ((WebhookUrlRefusedException) e).code()).isEqualTo("webhook_url_refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0177.0.0.1/", "https://0x7f.0.0.1/", "https://0x7f000001/",
            "https://127.1/", "https://10.0.0.010/", "https://3232235777/"})
    void refusesNumericHostsInDecimalOctalOrHexForms(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(WebhookUrlRefusedException.class)
                .hasMessageContaining("ambiguous");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "hooks.example.com/x", "https://user:pw@hooks.example.com/",
            "https://hooks.example.com/#frag", "", "https://"})
    void refusesWhatIsNotAPlainHttpsUrl(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(WebhookUrlRefusedException.class)
                .extracting(e -> ((WebhookUrlRefusedException) e).code()).isEqualTo("invalid_webhook_url");
    }

    @Test
    void inAzureOnlyHttpsIsAllowed() {
        assertThatThrownBy(() -> azure.check("http://hooks.example.com/hook"))
                .extracting(e -> ((WebhookUrlRefusedException) e).code()).isEqualTo("https_required");
        assertThat(azure.check("https://hooks.example.com/hook")).hasHost("hooks.example.com");
        assertThat(azure.check("https://[2606:4700::1111]:8443/hook")).hasPort(8443);
    }

    @Test
    void theLocalRuntimeAllowsLoopbackReceiversOverHttpButStillNoPrivateAddresses() {
        assertThat(local.check("http://127.0.0.1:9000/hook")).hasPort(9000);
        assertThat(local.check("http://localhost:9000/hook")).hasHost("localhost");
        assertThatThrownBy(() -> local.check("http://10.0.0.5/hook")).isInstanceOf(WebhookUrlRefusedException.class);
        assertThatThrownBy(() -> local.check("http://hooks.example.com/hook"))
                .extracting(e -> ((WebhookUrlRefusedException) e).code()).isEqualTo("https_required");
    }

    @Test
    void aHostWithoutDnsYetIsAcceptedAtCreateButNotAtDelivery() {
        URI url = azure.check("https://not-yet.example.com/hook");

        assertThatThrownBy(() -> azure.addressesFor(url)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void everyDeliveryChecksTheAnswerItWillConnectTo() throws UnknownHostException {
        boolean[] rebound = {false};
        WebhookUrlGuard guard = new WebhookUrlGuard(false, host -> {
            String answer = rebound[0] ? "127.0.0.1" : "203.0.113.10";
            rebound[0] = true;
            return List.of(address(answer));
        });
        URI url = guard.check("https://rebind.example.com/hook");

        assertThatThrownBy(() -> guard.addressesFor(url)).isInstanceOf(WebhookUrlRefusedException.class)
                .hasMessageContaining("127.0.0.1");
        assertThat(new WebhookUrlGuard(false, resolver).addressesFor(URI.create("https://hooks.example.com/h")))
                .extracting(InetAddress::getHostAddress).containsExactly("203.0.113.10");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
