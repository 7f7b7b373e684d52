package com.contoso.media.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlGuardTest {

    /** A resolver with fixed answers, and one name whose answer changes on the second look (DNS rebinding). */
    private final Map<String, List<String>> dns = Map.of(
            "hooks.example.com", List.of("52.1.2.3"),
            "internal.example.com", List.of("10.1.2.3"),
            "mixed.example.com", List.of("52.1.2.3", "192.168.1.5"),
            "metadata.example.com", List.of("169.254.169.254"),
            "v6.example.com", List.of("2606:4700::1111"),
            "localhost", List.of("127.0.0.1", "::1"));
    private final OutboundUrlGuard.HostResolver resolver = host -> {
        List<String> answers = dns.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        return answers.stream().map(OutboundUrlGuardTest::address).toList();
    };
    private final OutboundUrlGuard azure = new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, false, Set.of(443), resolver);
    private final OutboundUrlGuard local = new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, true, Set.of(443), resolver);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
            "169.254.1.1", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
            "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
            "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1", "2001:0:4136:e378::1",
            "168.63.129.16", "64:ff9b:1::808:808", "192.0.0.8", "240.0.0.1", "239.255.255.250", "ff05::1:3"})
    void refusesEveryAddressThatIsNotPublicUnicast(String address) {
        assertThat(AddressClassifier.refusal(address(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"52.1.2.3", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
            "::ffff:8.8.8.8", "2002:808:808::1"})
    void allowsPublicAddresses(String address) {
        assertThat(AddressClassifier.refusal(address(address))).as(address).isEmpty();
    }

    /** One test row per row of the table: its first, middle and last addresses (embedded rows: see below). */
    static Stream<Arguments> everyBlockOfTheTable() {
        return AddressClassifier.ROWS.stream().filter(row -> !row[1].startsWith("embedded"))
                .map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("everyBlockOfTheTable")
    void everySpecialPurposeBlockIsRefusedAcrossItsRange(String cidr, String name) throws Exception {
        String[] parts = cidr.split("/");
        byte[] first = InetAddress.getByName(parts[0]).getAddress();
        int hostBits = first.length * 8 - Integer.parseInt(parts[1]);
        BigInteger last = new BigInteger(1, first).or(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE));

        BigInteger middle = hostBits == 0 ? new BigInteger(1, first) : new BigInteger(1, first).setBit(hostBits - 1);

        assertThat(AddressClassifier.refusal(InetAddress.getByAddress(bytes(middle, first.length)))).as(cidr)
                .contains(name);
        assertThat(AddressClassifier.refusal(InetAddress.getByAddress(first))).as(cidr).isPresent();
        assertThat(AddressClassifier.refusal(InetAddress.getByAddress(bytes(last, first.length)))).as(cidr).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.0.0.1|private", "64:ff9b::a9fe:a9fe|cloud metadata", "2002:7f00:1::|loopback"})
    void blocksThatCarryAnIpv4AddressAreJudgedByIt(String row) {
        String[] parts = row.split("\\|");

        assertThat(AddressClassifier.refusal(address(parts[0]))).contains(parts[1]);
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
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(UrlRefusedException.class)
                .extracting(e -> ((UrlRefusedException) e).code()).isEqualTo("webhook_url_refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0177.0.0.1/", "https://0x7f.0.0.1/", "https://0x7f000001/",
            "https://127.1/", "https://10.0.0.010/", "https://3232235777/"})
    void refusesNumericHostsInDecimalOctalOrHexForms(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining("ambiguous");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "hooks.example.com/x", "https://user:pw@hooks.example.com/",
            "https://hooks.example.com/#frag", "", "https://"})
    void refusesWhatIsNotAPlainHttpsUrl(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(UrlRefusedException.class)
                .extracting(e -> ((UrlRefusedException) e).code()).isEqualTo("invalid_webhook_url");
    }

    @Test
    void inAzureOnlyHttpsIsAllowed() {
        assertThatThrownBy(() -> azure.check("http://hooks.example.com/hook"))
                .extracting(e -> ((UrlRefusedException) e).code()).isEqualTo("https_required");
        assertThat(azure.check("https://hooks.example.com/hook")).hasHost("hooks.example.com");
        assertThat(azure.check("https://[2606:4700::1111]:443/hook")).hasPort(443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com:8080/h", "https://hooks.example.com:22/h",
            "https://[2606:4700::1111]:8443/hook", "https://not-yet.example.com:6379/h"})
    void onlyTheAllowedPortsAreAllowed(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(UrlRefusedException.class)
                .extracting(e -> ((UrlRefusedException) e).code()).isEqualTo("webhook_port_refused");
        assertThat(new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, false, Set.of(443, 8443), resolver).check("https://hooks.example.com:8443/h"))
                .hasPort(8443);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[fe80::1%25eth0]/h", "https://[fe80::1%eth0]/h", "https://[::1%251]/h"})
    void ipv6ZoneIdsAreRefused(String url) {
        assertThatThrownBy(() -> azure.check(url)).isInstanceOf(UrlRefusedException.class);
        assertThatThrownBy(() -> local.check(url)).isInstanceOf(UrlRefusedException.class);
    }

    @Test
    void theLocalRuntimeAllowsLoopbackReceiversOverHttpButStillNoPrivateAddresses() {
        assertThat(local.check("http://127.0.0.1:9000/hook")).hasPort(9000);
        assertThat(local.check("http://localhost:9000/hook")).hasHost("localhost");
        assertThatThrownBy(() -> local.check("http://10.0.0.5/hook")).isInstanceOf(UrlRefusedException.class);
        assertThatThrownBy(() -> local.check("http://hooks.example.com/hook"))
                .extracting(e -> ((UrlRefusedException) e).code()).isEqualTo("https_required");
    }

    @Test
    void aHostWithoutDnsYetIsAcceptedAtCreateButNotAtDelivery() {
        URI url = azure.check("https://not-yet.example.com/hook");

        assertThatThrownBy(() -> azure.addressesFor(url)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void everyDeliveryChecksTheAnswerItWillConnectTo() throws UnknownHostException {
        boolean[] rebound = {false};
        OutboundUrlGuard guard = new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, false, Set.of(443), host -> {
            String answer = rebound[0] ? "127.0.0.1" : "52.1.2.3";
            rebound[0] = true;
            return List.of(address(answer));
        });
        URI url = guard.check("https://rebind.example.com/hook");

        assertThatThrownBy(() -> guard.addressesFor(url)).isInstanceOf(UrlRefusedException.class)
                .hasMessageContaining("127.0.0.1");
        assertThat(new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, false, Set.of(443), resolver).addressesFor(URI.create("https://hooks.example.com/h")))
                .extracting(InetAddress::getHostAddress).containsExactly("52.1.2.3");
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        System.arraycopy(raw, Math.max(0, raw.length - length), out, Math.max(0, length - raw.length),
                Math.min(raw.length, length));
        return out;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
