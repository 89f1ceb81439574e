package dev.cftokens.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
    private static final String IPV6_SHAPE = "an IPv6 address is 8 groups of 1 to 4 hex digits separated by :, with ::"
            + " for one run of zero groups, such as 2001:db8::1";
    private static final String IPV4_SHAPE =
            "an IPv4 address is four numbers 0 to 255 separated by dots, such as 192.0.2.1";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "192.0.2.0/24 | 192.0.2.0/24",
                "0.0.0.0/0 | 0.0.0.0/0",
                "255.255.255.255/32 | 255.255.255.255/32",
                "10.0.0.0/8 | 10.0.0.0/8",
                "192.168.1.100/32 | 192.168.1.100/32",
                "172.16.0.0/12 | 172.16.0.0/12",
                "2001:db8::/32 | 2001:db8::/32",
                "2001:DB8::/32 | 2001:db8::/32",
                "2001:0db8:0000:0000:0000:0000:0000:0000/32 | 2001:db8::/32",
                "::/0 | ::/0",
                "::1/128 | ::1/128",
                "1::/16 | 1::/16",
                "1:2:3:4:5:6:7::/128 | 1:2:3:4:5:6:7:0/128",
                "1:2:3:4:5:6::8/128 | 1:2:3:4:5:6:0:8/128",
                "1:0:0:1:0:0:0:1/128 | 1:0:0:1::1/128",
                "1:0:0:2:0:0:3:4/128 | 1::2:0:0:3:4/128",
                "2001:db8:0:1:1:1:1:1/128 | 2001:db8:0:1:1:1:1:1/128",
                "fe80::/10 | fe80::/10",
                "::ffff:192.0.2.0/120 | ::ffff:192.0.2.0/120",
                "::ffff:c000:0200/120 | ::ffff:192.0.2.0/120",
                "64:ff9b::192.0.2.33/128 | 64:ff9b::c000:221/128",
            })
    void parsesToCanonicalText(String text, String canonical) {
        Cidr cidr = Cidr.parse(text);
        assertThat(cidr).hasToString(canonical);
        assertThat(Cidr.parse(canonical)).isEqualTo(cidr).hasSameHashCodeAs(cidr);
    }

    @Test
    void exposesFamilyPrefixAndNetwork() throws Exception {
        Cidr v4 = Cidr.parse("192.0.2.0/24");
        assertThat(v4.isIpv4()).isTrue();
        assertThat(v4.isIpv6()).isFalse();
        assertThat(v4.prefixLength()).isEqualTo(24);
        assertThat(v4.network()).isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 0}));

        Cidr v6 = Cidr.parse("2001:db8::/32");
        assertThat(v6.isIpv6()).isTrue();
        assertThat(v6.prefixLength()).isEqualTo(32);
        assertThat(v6.network()).isInstanceOf(Inet6Address.class);
        assertThat(v6.network().getAddress()).startsWith(0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "192.168.1.0/24 | 192.168.1.100/32 | true",
                "192.168.1.0/24 | 192.168.1.0/24 | true",
                "192.168.1.0/24 | 192.168.1.128/25 | true",
                "192.168.1.0/24 | 192.168.0.0/16 | false",
                "192.168.1.0/24 | 192.168.2.0/32 | false",
                "0.0.0.0/0 | 203.0.113.7/32 | true",
                "10.0.0.0/9 | 10.127.255.255/32 | true",
                "10.0.0.0/9 | 10.128.0.0/32 | false",
                "2001:db8::/32 | 2001:db8:ffff::/48 | true",
                "2001:db8::/32 | 2001:db9::/48 | false",
                "::/0 | 2001:db8::1/128 | true",
                "::/0 | 0.0.0.0/0 | false",
                "0.0.0.0/0 | ::/0 | false",
                "::ffff:0:0/96 | ::ffff:192.0.2.1/128 | true",
            })
    void containsNetworks(String outer, String inner, boolean contained) {
        assertThat(Cidr.parse(outer).contains(Cidr.parse(inner))).isEqualTo(contained);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "192.168.1.0/24 | 192.168.1.1 | true",
                "192.168.1.0/24 | 192.168.1.255 | true",
                "192.168.1.0/24 | 192.168.2.1 | false",
                "192.168.1.100/32 | 192.168.1.100 | true",
                "192.168.1.100/32 | 192.168.1.101 | false",
                "10.0.0.0/9 | 10.127.0.1 | true",
                "10.0.0.0/9 | 10.128.0.1 | false",
                "2001:db8::/32 | 2001:db8::1 | true",
                "2001:db8::/32 | 2001:db9::1 | false",
                "::/0 | 192.0.2.1 | false",
                "0.0.0.0/0 | ::1 | false",
                "::ffff:0:0/96 | 192.0.2.1 | false",
            })
    void containsAddresses(String cidr, String address, boolean contained) {
        assertThat(Cidr.parse(cidr).contains(Cidr.parseAddress(address))).isEqualTo(contained);
    }

    @Test
    void parsesAddressesWithoutDns() {
        assertThat(Cidr.parseAddress("192.0.2.1")).isInstanceOf(Inet4Address.class);
        assertThat(Cidr.parseAddress("2001:db8::1")).isInstanceOf(Inet6Address.class);
        // getByAddress would turn this into the IPv4 address 192.0.2.1.
        assertThat(Cidr.parseAddress("::ffff:192.0.2.1")).isInstanceOf(Inet6Address.class);
        assertThatThrownBy(() -> Cidr.parseAddress("localhost"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "address \"localhost\" is not an IP address; write an IPv4 address such as 192.0.2.0 or an IPv6"
                                + " address such as 2001:db8::");
        assertThatThrownBy(() -> Cidr.parseAddress(""))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "address is empty; write an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1");
        assertThatThrownBy(() -> Cidr.parseAddress("192.0.2.1/32"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(
                        "address \"192.0.2.1/32\" has IPv4 address \"192.0.2.1/32\" with part \"1/32\", which is not a"
                                + " number; an IPv4 address is four numbers 0 to 255 separated by dots, such as 192.0.2.1");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "'' | CIDR is empty; write an IPv4 or IPv6 network such as 192.0.2.0/24 or 2001:db8::/32",
                "' 10.0.0.0/8' | CIDR \" 10.0.0.0/8\" has leading or trailing whitespace; write \"10.0.0.0/8\"",
                "192.0.2.1 | CIDR \"192.0.2.1\" has no prefix length; write 192.0.2.1/32 for the single address, or a network"
                        + " with its prefix length, such as 192.0.2.0/24",
                "2001:DB8::1 | CIDR \"2001:DB8::1\" has no prefix length; write 2001:db8::1/128 for the single address, or a"
                        + " network with its prefix length, such as 2001:db8::/32",
                "192.0.2.5/24 | CIDR \"192.0.2.5/24\" has host bits set beyond the /24 prefix; the network is 192.0.2.0/24"
                        + " (for the single address write 192.0.2.5/32)",
                "2001:db8::1/32 | CIDR \"2001:db8::1/32\" has host bits set beyond the /32 prefix; the network is"
                        + " 2001:db8::/32 (for the single address write 2001:db8::1/128)",
                "10.0.0.0/33 | CIDR \"10.0.0.0/33\" has prefix length /33; IPv4 prefix lengths are 0 to 32",
                "10.0.0.0/99999999999 | CIDR \"10.0.0.0/99999999999\" has prefix length /99999999999; IPv4 prefix lengths"
                        + " are 0 to 32",
                "::/129 | CIDR \"::/129\" has prefix length /129; IPv6 prefix lengths are 0 to 128",
                "10.0.0.0/ | CIDR \"10.0.0.0/\" has no prefix length after /; IPv4 prefix lengths are 0 to 32",
                "10.0.0.0/-1 | CIDR \"10.0.0.0/-1\" has prefix length \"-1\", which is not a number; IPv4 prefix lengths are"
                        + " 0 to 32",
                "10.0.0.0/8/8 | CIDR \"10.0.0.0/8/8\" has prefix length \"8/8\", which is not a number; IPv4 prefix lengths"
                        + " are 0 to 32",
                "10.0.0.0/08 | CIDR \"10.0.0.0/08\" has prefix length \"08\" with a leading zero; write /8",
                "10.0.0.0/00 | CIDR \"10.0.0.0/00\" has prefix length \"00\" with a leading zero; write /0",
                "/8 | CIDR \"/8\" has no address; write an IPv4 or IPv6 network such as 192.0.2.0/24 or 2001:db8::/32",
                "example.com/8 | CIDR \"example.com/8\" has IPv4 address \"example.com\" with 2 parts; " + IPV4_SHAPE,
                "localhost/8 | CIDR \"localhost/8\" has \"localhost\", which is not an IP address; write an IPv4 address"
                        + " such as 192.0.2.0 or an IPv6 address such as 2001:db8::",
                "localhost | CIDR \"localhost\" is not an IP address; write an IPv4 address such as 192.0.2.0 or an IPv6"
                        + " address such as 2001:db8::",
                "10.0.0/8 | CIDR \"10.0.0/8\" has IPv4 address \"10.0.0\" with 3 parts; " + IPV4_SHAPE,
                "10.0.0.0.0/8 | CIDR \"10.0.0.0.0/8\" has IPv4 address \"10.0.0.0.0\" with 5 parts; " + IPV4_SHAPE,
                "10..0.0/8 | CIDR \"10..0.0/8\" has IPv4 address \"10..0.0\" with an empty part; " + IPV4_SHAPE,
                "10.0.0.x/8 | CIDR \"10.0.0.x/8\" has IPv4 address \"10.0.0.x\" with part \"x\", which is not a number; "
                        + IPV4_SHAPE,
                "10.0.0.+1/8 | CIDR \"10.0.0.+1/8\" has IPv4 address \"10.0.0.+1\" with part \"+1\", which is not a number; "
                        + IPV4_SHAPE,
                "256.0.0.0/8 | CIDR \"256.0.0.0/8\" has octet \"256\"; octets are 0 to 255",
                "1000.0.0.0/8 | CIDR \"1000.0.0.0/8\" has octet \"1000\"; octets are 0 to 255",
                "010.0.0.0/8 | CIDR \"010.0.0.0/8\" has octet \"010\" with a leading zero, which some software reads as"
                        + " octal; write 10",
                "10.00.0.0/8 | CIDR \"10.00.0.0/8\" has octet \"00\" with a leading zero, which some software reads as"
                        + " octal; write 0",
                "2001:db8::g/32 | CIDR \"2001:db8::g/32\" has IPv6 address \"2001:db8::g\" with group \"g\", which is not"
                        + " hex; " + IPV6_SHAPE,
                "2001:db8::12345/32 | CIDR \"2001:db8::12345/32\" has IPv6 address \"2001:db8::12345\" with group"
                        + " \"12345\", which is longer than 4 hex digits; " + IPV6_SHAPE,
                "2001::db8::/32 | CIDR \"2001::db8::/32\" has IPv6 address \"2001::db8::\" with :: more than once; "
                        + IPV6_SHAPE,
                ":::/0 | CIDR \":::/0\" has IPv6 address \":::\" with :: more than once; " + IPV6_SHAPE,
                "2001:db8:/32 | CIDR \"2001:db8:/32\" has IPv6 address \"2001:db8:\" with an empty group; "
                        + IPV6_SHAPE,
                ":1:2:3:4:5:6:7/128 | CIDR \":1:2:3:4:5:6:7/128\" has IPv6 address \":1:2:3:4:5:6:7\" with an empty"
                        + " group; " + IPV6_SHAPE,
                "1:2:3:4:5:6:7/128 | CIDR \"1:2:3:4:5:6:7/128\" has IPv6 address \"1:2:3:4:5:6:7\" with 7 groups; "
                        + IPV6_SHAPE,
                "1:2:3:4:5:6:7:8:9/128 | CIDR \"1:2:3:4:5:6:7:8:9/128\" has IPv6 address \"1:2:3:4:5:6:7:8:9\" with too"
                        + " many groups; " + IPV6_SHAPE,
                "1:2:3:4::5:6:7:8/128 | CIDR \"1:2:3:4::5:6:7:8/128\" has IPv6 address \"1:2:3:4::5:6:7:8\" with too many"
                        + " groups; " + IPV6_SHAPE,
                "1:2:3:4:5:6:7:1.2.3.4/128 | CIDR \"1:2:3:4:5:6:7:1.2.3.4/128\" has IPv6 address"
                        + " \"1:2:3:4:5:6:7:1.2.3.4\" with too many groups; " + IPV6_SHAPE,
                "::1.2.3.4:5/128 | CIDR \"::1.2.3.4:5/128\" has IPv6 address \"::1.2.3.4:5\" with a dotted IPv4 part before"
                        + " its end; only the last 32 bits may be written as IPv4",
                "::ffff:1.2.3.256/128 | CIDR \"::ffff:1.2.3.256/128\" has octet \"256\"; octets are 0 to 255",
                "fe80::1%eth0/128 | CIDR \"fe80::1%eth0/128\" has zone index \"%eth0\"; a CIDR takes no zone index, write"
                        + " fe80::1 without it",
                "２001:db8::/32 | CIDR \"２001:db8::/32\" has IPv6 address \"２001:db8::\" with group \"２001\", which is not"
                        + " hex; " + IPV6_SHAPE,
            })
    void rejectsWithActionableMessage(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(message)
                .satisfies(thrown ->
                        assertThat(((InvalidValueException) thrown).value()).isEqualTo(text));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Cidr.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
