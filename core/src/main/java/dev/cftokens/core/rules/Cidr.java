package dev.cftokens.core.rules;

import static dev.cftokens.core.rules.Subject.quote;
import static java.util.Objects.requireNonNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network as a {@code condition.request_ip} list holds it, such as {@code
 * 192.0.2.0/24} or {@code 2001:db8::/32}.
 *
 * <p>{@link #parse} reads the text itself, never through {@link InetAddress#getByName}, which would
 * resolve a host name over DNS. It is strict where Cloudflare's behaviour is unknown, so that what is
 * declared is what Cloudflare stores:
 *
 * <ul>
 *   <li>The prefix length is required: a bare address is rejected with the {@code /32} or {@code /128}
 *       spelling as the hint (API.md: "{@code /32} for one IPv4 address").
 *   <li>Host bits beyond the prefix ({@code 192.0.2.5/24}) are rejected with the network address as
 *       the hint, rather than silently widened or narrowed.
 *   <li>IPv4 octets are 0 to 255 without leading zeros ({@code 010} reads as octal to some software);
 *       the prefix length has no leading zeros either.
 *   <li>IPv6 may be written in any RFC 4291 text form (upper case, leading zeros, {@code ::}, a dotted
 *       IPv4 tail) but no zone index ({@code %eth0}); {@link #toString} gives the RFC 5952 canonical
 *       form, which is what a declaration should store.
 * </ul>
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Reads {@code text} as an IPv4 or IPv6 CIDR.
     *
     * @param text the CIDR as written, such as {@code 192.0.2.0/24}
     * @return the network
     * @throws InvalidValueException saying what is wrong and what to write instead
     */
    public static Cidr parse(String text) {
        requireNonNull(text, "text");
        Subject subject = new Subject("CIDR", text);
        if (text.isEmpty()) {
            throw new InvalidValueException(
                    text, "CIDR is empty; write an IPv4 or IPv6 network such as 192.0.2.0/24" + " or 2001:db8::/32");
        }
        if (!text.strip().equals(text)) {
            throw new InvalidValueException(
                    text, subject + " has leading or trailing whitespace; write " + quote(text.strip()));
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address = parseAddress(text, subject, addressText);
        int maxPrefix = address.length * 8;
        if (slash < 0) {
            throw new InvalidValueException(
                    text,
                    subject + " has no prefix length; write " + format(address) + "/"
                            + maxPrefix + " for the single address, or a network with its prefix length, such as "
                            + (address.length == 4 ? "192.0.2.0/24" : "2001:db8::/32"));
        }
        String prefixText = text.substring(slash + 1);
        int prefixLength = parsePrefixLength(text, subject, prefixText, maxPrefix);
        byte[] network = mask(address, prefixLength);
        if (!Arrays.equals(network, address)) {
            throw new InvalidValueException(
                    text,
                    subject + " has host bits set beyond the /" + prefixLength
                            + " prefix; the network is " + format(network) + "/" + prefixLength
                            + " (for the single address write "
                            + format(address) + "/" + maxPrefix + ")");
        }
        return new Cidr(network, prefixLength);
    }

    /**
     * Reads {@code text} as one IPv4 or IPv6 address, without DNS. An IPv4-mapped IPv6 address gives an
     * {@link Inet6Address}, not the IPv4 address {@link InetAddress#getByAddress(byte[])} would make of it.
     *
     * @param text the address as written, such as {@code 2001:db8::1}
     * @return the address
     * @throws InvalidValueException saying what is wrong with the address
     */
    public static InetAddress parseAddress(String text) {
        requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new InvalidValueException(
                    text,
                    "address is empty; write an IPv4 address such as 192.0.2.1 or an IPv6"
                            + " address such as 2001:db8::1");
        }
        return toInetAddress(parseAddress(text, new Subject("address", text), text));
    }

    /** {@return true for an IPv4 network} */
    public boolean isIpv4() {
        return network.length == 4;
    }

    /** {@return true for an IPv6 network} */
    public boolean isIpv6() {
        return network.length == 16;
    }

    /** {@return the number of leading bits that make up the network: 0 to 32 for IPv4, 0 to 128 for IPv6} */
    public int prefixLength() {
        return prefixLength;
    }

    /** {@return the network address, all host bits zero} */
    public InetAddress network() {
        return toInetAddress(network);
    }

    /**
     * True when every address of {@code other} lies in this network. Networks of different families
     * never contain each other.
     *
     * @param other the network to test
     * @return whether this network contains it
     */
    public boolean contains(Cidr other) {
        requireNonNull(other, "other");
        return other.network.length == network.length
                && other.prefixLength >= prefixLength
                && sharesPrefix(other.network);
    }

    /**
     * True when {@code address} lies in this network. An address of the other family is never
     * contained (an IPv4 client is not inside {@code ::ffff:0:0/96}).
     *
     * @param address the address to test
     * @return whether this network contains it
     */
    public boolean contains(InetAddress address) {
        requireNonNull(address, "address");
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && sharesPrefix(bytes);
    }

    /** The canonical text: dotted IPv4, or RFC 5952 IPv6 (lower case, longest zero run as {@code ::}). */
    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr
                && ((Cidr) other).prefixLength == prefixLength
                && Arrays.equals(((Cidr) other).network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    private boolean sharesPrefix(byte[] bytes) {
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }

    private static byte[] mask(byte[] address, int prefixLength) {
        byte[] network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    private static int parsePrefixLength(String text, Subject subject, String prefixText, int maxPrefix) {
        String range = maxPrefix == 32 ? "IPv4 prefix lengths are 0 to 32" : "IPv6 prefix lengths are 0 to 128";
        if (prefixText.isEmpty()) {
            throw new InvalidValueException(text, subject + " has no prefix length after /; " + range);
        }
        for (int i = 0; i < prefixText.length(); i++) {
            char c = prefixText.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidValueException(
                        text,
                        subject + " has prefix length " + quote(prefixText) + ", which is not a number; " + range);
            }
        }
        if (prefixText.length() > 1 && prefixText.charAt(0) == '0') {
            String stripped = prefixText.replaceFirst("^0+(?=.)", "");
            throw new InvalidValueException(
                    text,
                    subject + " has prefix length " + quote(prefixText) + " with a leading zero; write /" + stripped);
        }
        int value = prefixText.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(prefixText);
        if (value > maxPrefix) {
            throw new InvalidValueException(text, subject + " has prefix length /" + prefixText + "; " + range);
        }
        return value;
    }

    /** The 4 or 16 bytes of {@code address}; messages quote {@code text}, the whole value being checked. */
    private static byte[] parseAddress(String text, Subject subject, String address) {
        if (address.isEmpty()) {
            throw new InvalidValueException(
                    text,
                    subject + " has no address; write an IPv4 or IPv6 network such as"
                            + " 192.0.2.0/24 or 2001:db8::/32");
        }
        if (address.indexOf(':') >= 0) {
            return parseIpv6(text, subject, address);
        }
        if (address.indexOf('.') < 0) {
            // Reading a bare address, the subject already quotes it.
            throw new InvalidValueException(
                    text,
                    subject
                            + (address.equals(text) ? " is" : " has " + quote(address) + ", which is")
                            + " not an IP address; write an IPv4 address such as 192.0.2.0 or an IPv6 address such as 2001:db8::");
        }
        byte[] bytes = new byte[4];
        parseIpv4(text, subject, address, bytes, 0);
        return bytes;
    }

    private static void parseIpv4(String text, Subject subject, String address, byte[] into, int offset) {
        String[] octets = address.split("\\.", -1);
        String shape = "an IPv4 address is four numbers 0 to 255 separated by dots, such as 192.0.2.1";
        if (octets.length != 4) {
            throw new InvalidValueException(
                    text,
                    subject + " has IPv4 address " + quote(address) + " with " + octets.length + " parts; " + shape);
        }
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty()) {
                throw new InvalidValueException(
                        text, subject + " has IPv4 address " + quote(address) + " with an empty part; " + shape);
            }
            for (int c = 0; c < octet.length(); c++) {
                if (octet.charAt(c) < '0' || octet.charAt(c) > '9') {
                    throw new InvalidValueException(
                            text,
                            subject + " has IPv4 address " + quote(address) + " with part " + quote(octet)
                                    + ", which is not a number; " + shape);
                }
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw new InvalidValueException(
                        text,
                        subject + " has octet " + quote(octet)
                                + " with a leading zero, which some software reads as octal; write "
                                + octet.replaceFirst("^0+(?=.)", ""));
            }
            int value = octet.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(octet);
            if (value > 255) {
                throw new InvalidValueException(text, subject + " has octet " + quote(octet) + "; octets are 0 to 255");
            }
            into[offset + i] = (byte) value;
        }
    }

    private static byte[] parseIpv6(String text, Subject subject, String address) {
        String shape = "an IPv6 address is 8 groups of 1 to 4 hex digits separated by :, with :: for one run"
                + " of zero groups, such as 2001:db8::1";
        int percent = address.indexOf('%');
        if (percent >= 0) {
            throw new InvalidValueException(
                    text,
                    subject + " has zone index " + quote(address.substring(percent))
                            + "; a CIDR takes no zone index, write " + address.substring(0, percent) + " without it");
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            throw new InvalidValueException(
                    text, subject + " has IPv6 address " + quote(address) + " with :: more than once; " + shape);
        }
        String[] head;
        String[] tail;
        if (doubleColon >= 0) {
            head = groups(address.substring(0, doubleColon));
            tail = groups(address.substring(doubleColon + 2));
        } else {
            head = address.split(":", -1);
            tail = new String[0];
        }
        int[] parsed = new int[8];
        int count = 0;
        int headCount = 0;
        String[][] sides = {head, tail};
        for (int side = 0; side < 2; side++) {
            String[] groups = sides[side];
            for (int i = 0; i < groups.length; i++) {
                String group = groups[i];
                boolean last = side == 1 ? i == groups.length - 1 : i == groups.length - 1 && doubleColon < 0;
                if (group.indexOf('.') >= 0) {
                    if (!last) {
                        throw new InvalidValueException(
                                text,
                                subject + " has IPv6 address " + quote(address)
                                        + " with a dotted IPv4 part before its end; only the last 32 bits may be written as IPv4");
                    }
                    if (count + 2 > 8) {
                        throw tooManyGroups(text, subject, address, shape);
                    }
                    byte[] ipv4 = new byte[4];
                    parseIpv4(text, subject, group, ipv4, 0);
                    parsed[count++] = (ipv4[0] & 0xff) << 8 | ipv4[1] & 0xff;
                    parsed[count++] = (ipv4[2] & 0xff) << 8 | ipv4[3] & 0xff;
                    continue;
                }
                if (group.isEmpty()) {
                    throw new InvalidValueException(
                            text, subject + " has IPv6 address " + quote(address) + " with an empty group; " + shape);
                }
                if (group.length() > 4) {
                    throw new InvalidValueException(
                            text,
                            subject + " has IPv6 address " + quote(address) + " with group " + quote(group)
                                    + ", which is longer than 4 hex digits; " + shape);
                }
                int value = 0;
                for (int c = 0; c < group.length(); c++) {
                    int digit = hexDigit(group.charAt(c));
                    if (digit < 0) {
                        throw new InvalidValueException(
                                text,
                                subject + " has IPv6 address " + quote(address) + " with group " + quote(group)
                                        + ", which is not hex; " + shape);
                    }
                    value = value << 4 | digit;
                }
                if (count == 8) {
                    throw tooManyGroups(text, subject, address, shape);
                }
                parsed[count++] = value;
            }
            if (side == 0) {
                headCount = count;
            }
        }
        if (doubleColon < 0 && count != 8) {
            throw new InvalidValueException(
                    text, subject + " has IPv6 address " + quote(address) + " with " + count + " groups; " + shape);
        }
        if (doubleColon >= 0 && count > 7) {
            throw tooManyGroups(text, subject, address, shape);
        }
        // Head groups fill from the front, tail groups from the back; :: is the zeros between.
        int[] values = new int[8];
        int tailCount = count - headCount;
        System.arraycopy(parsed, 0, values, 0, headCount);
        System.arraycopy(parsed, headCount, values, 8 - tailCount, tailCount);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (values[i] >>> 8);
            bytes[2 * i + 1] = (byte) values[i];
        }
        return bytes;
    }

    private static InvalidValueException tooManyGroups(String text, Subject subject, String address, String shape) {
        return new InvalidValueException(
                text, subject + " has IPv6 address " + quote(address) + " with too many groups; " + shape);
    }

    // Character.digit would also take non-ASCII digits.
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static String[] groups(String side) {
        return side.isEmpty() ? new String[0] : side.split(":", -1);
    }

    private static InetAddress toInetAddress(byte[] bytes) {
        try {
            // Inet6Address keeps IPv4-mapped addresses as IPv6; getByAddress would turn them into IPv4.
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError("a 4 or 16 byte address is always valid", impossible);
        }
    }

    private static String format(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        if (isIpv4Mapped(groups)) {
            // RFC 5952 section 5: IPv4-mapped addresses keep their dotted tail.
            return "::ffff:" + (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "."
                    + (bytes[15] & 0xff);
        }
        // RFC 5952 section 4.2: :: replaces the longest run of two or more zero groups, the first on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xffff;
    }
}
