package dev.cftokens.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random inputs: every rule either accepts a value or rejects it with an {@link
 * InvalidValueException} naming that value, never another exception.
 */
class RulesRobustnessTest {
    private static final String ALPHABET = "0123456789abcdefABCDEF.:/_-{}*zT Z+%$\u00e9";
    private static final String[] SEEDS = {
        "com.cloudflare.api.account.zone.0123456789abcdef0123456789abcdef",
        "com.cloudflare.edge.r2.bucket.023e105f4ecef8ad9ca31a8372d0c353_eu_{bucket_name}",
        "com.cloudflare.api.account.{account}",
        "com.cloudflare.api.user.{tag}",
        "192.0.2.0/24",
        "2001:db8::ffff:192.0.2.0/120",
        "::/0",
        "fe80::1:2:3:4/64",
        "2024-12-31T23:59:59Z",
        "2024-02-29T00:00:00Z"
    };

    @Test
    void mutatedInputsAreAcceptedOrRejectedCleanly() {
        Random random = new Random(20241231);
        for (int i = 0; i < 4_000; i++) {
            String text = mutate(SEEDS[random.nextInt(SEEDS.length)], random);
            for (KeyForm form : KeyForm.values()) {
                acceptedOrRejected(text, value -> ResourceKey.parse(value, form));
            }
            acceptedOrRejected(text, Cidr::parse);
            acceptedOrRejected(text, Cidr::parseAddress);
            acceptedOrRejected(text, Timestamps::parse);
            acceptedOrRejected(text, TokenRules::checkName);
        }
    }

    @Test
    void ipv6CanonicalTextReadsBackToTheSameAddress() throws Exception {
        Random random = new Random(5952);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            if (i % 100 == 0) {
                // An IPv4-mapped address, printed with its dotted tail.
                System.arraycopy(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff}, 0, bytes, 0, 12);
            }
            // Zero runs of different lengths exercise the :: choice.
            int zeroStart = i % 100 == 0 ? 0 : random.nextInt(16);
            int zeroEnd = i % 100 == 0 ? 0 : Math.min(16, zeroStart + random.nextInt(12));
            for (int b = zeroStart; b < zeroEnd; b++) {
                bytes[b] = 0;
            }
            String canonical = Cidr.parse(
                            Inet6Address.getByAddress(null, bytes, -1).getHostAddress() + "/128")
                    .toString();
            String address = canonical.substring(0, canonical.length() - "/128".length());
            // The JDK reads IP literals without DNS; it is the independent check of our parser and printer.
            assertThat(InetAddress.getByName(address).getAddress())
                    .as(canonical)
                    .isEqualTo(normalizeMapped(bytes));
            assertThat(Cidr.parseAddress(address).getAddress()).as(canonical).isEqualTo(bytes);
            assertThat(Cidr.parse(canonical).toString()).isEqualTo(canonical);
            assertThat(address).doesNotContain(":::").doesNotMatch(".*::.*::.*").isLowerCase();
        }
    }

    @Test
    void ipv4ContainmentAgreesWithArithmetic() throws Exception {
        Random random = new Random(791);
        for (int i = 0; i < 2_000; i++) {
            int network = random.nextInt();
            int prefix = random.nextInt(33);
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            network &= mask;
            Cidr cidr = Cidr.parse(dotted(network) + "/" + prefix);
            int address = random.nextBoolean() ? network | random.nextInt() & ~mask : random.nextInt();
            boolean expected = (address & mask) == network;
            assertThat(cidr.contains(InetAddress.getByName(dotted(address))))
                    .as(cidr + " ∋ " + dotted(address))
                    .isEqualTo(expected);
            assertThat(cidr.contains(Cidr.parse(dotted(address) + "/32"))).isEqualTo(expected);
        }
    }

    private static void acceptedOrRejected(String text, Consumer<String> rule) {
        try {
            rule.accept(text);
        } catch (InvalidValueException rejected) {
            assertThat(rejected.value()).isEqualTo(text);
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(3)) {
                case 0:
                    text.insert(at, c);
                    break;
                case 1:
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                    break;
                default:
                    if (text.length() > 0) {
                        text.setCharAt(at, c);
                    }
            }
        }
        return text.toString();
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }

    // The JDK turns an IPv4-mapped literal into the IPv4 address; compare its 4 bytes then.
    private static byte[] normalizeMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
            return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
        }
        return bytes;
    }
}
