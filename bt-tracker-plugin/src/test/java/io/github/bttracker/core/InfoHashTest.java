package io.github.bttracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InfoHashTest {

    private static final String HEX = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void parsesHexInAnyCase() {
        assertThat(InfoHash.fromHex(HEX.toUpperCase())).isEqualTo(InfoHash.fromHex(HEX));
        assertThat(InfoHash.fromHex(HEX.toUpperCase()).toHex()).isEqualTo(HEX);
    }

    @Test
    void roundTripsBytes() {
        byte[] bytes = new byte[20];
        bytes[0] = (byte) 0xFF;
        bytes[19] = 0x7F;
        InfoHash hash = InfoHash.of(bytes);
        assertThat(hash.bytes()).isEqualTo(bytes);
        assertThat(hash.toLatin1()).hasSize(20).startsWith("\u00ff");
    }

    @Test
    void copiesBytesInAndOut() {
        byte[] bytes = new byte[20];
        InfoHash hash = InfoHash.of(bytes);
        bytes[0] = 1;
        hash.bytes()[1] = 1;
        assertThat(hash.bytes()).containsOnly(0);
    }

    @Test
    void rejectsWrongLengthsAndNonHex() {
        assertThatThrownBy(() -> InfoHash.of(new byte[19])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> InfoHash.fromHex("abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40 hex characters");
        assertThatThrownBy(() -> InfoHash.fromHex("zz23456789abcdef0123456789abcdef01234567"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not hexadecimal");
    }

    @Test
    void infoHashAndPeerIdWithSameBytesAreNotEqual() {
        assertThat((Object) InfoHash.fromHex(HEX)).isNotEqualTo(PeerId.fromHex(HEX));
    }

    @Test
    void randomPeerIdKeepsItsPrefix() {
        PeerId id = PeerId.random("-BT0001-");
        assertThat(new String(id.bytes(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("-BT0001-");
        assertThat(PeerId.random("-BT0001-")).isNotEqualTo(id);
    }

    @Test
    void ordersByUnsignedBytesConsistentlyWithEquals() {
        InfoHash zero = InfoHash.of(new byte[20]);
        InfoHash low = InfoHash.fromHex("7f" + "00".repeat(19));
        InfoHash high = InfoHash.fromHex("80" + "00".repeat(19));
        InfoHash last = InfoHash.fromHex("00".repeat(19) + "ff");
        assertThat(List.of(high, last, zero, low).stream().sorted().toList()).containsExactly(zero, last, low, high);
        assertThat(InfoHash.fromHex(HEX).compareTo(InfoHash.fromHex(HEX.toUpperCase()))).isZero();
        assertThat(PeerId.fromHex("ff" + "00".repeat(19))).isGreaterThan(PeerId.fromHex("01" + "00".repeat(19)));
        assertThat(PeerId.fromHex(HEX).compareTo(PeerId.fromHex(HEX))).isZero();
        assertThatThrownBy(() -> zero.compareTo(null)).isInstanceOf(NullPointerException.class);
    }

    /**
     * HashMap and ConcurrentHashMap keep a bucket of keys with one hash code as a balanced tree, searched by
     * {@code compareTo}, only for a key class declared {@code Comparable} to itself; otherwise each insertion into
     * such a bucket searches all of it. Info hashes with one {@code Arrays.hashCode} are easy to make, and a tracker
     * chooses those of a scrape response: this is what keeps one such 1 MiB response from costing seconds of CPU.
     */
    @Test
    void infoHashesMadeToCollideAreKeysTheMapsCanOrder() {
        List<InfoHash> colliding = IntStream.range(0, 2_000).mapToObj(CollidingInfoHashes::nth).toList();
        assertThat(colliding.stream().map(InfoHash::hashCode).distinct()).hasSize(1);
        assertThat(new java.util.HashSet<>(colliding)).hasSize(2_000);
        for (Class<?> id : List.of(InfoHash.class, PeerId.class)) {
            assertThat(id.getGenericInterfaces()).as(id.getName())
                    .anySatisfy(type -> assertThat(type).isInstanceOfSatisfying(ParameterizedType.class, comparable -> {
                        assertThat(comparable.getRawType()).isEqualTo(Comparable.class);
                        assertThat(comparable.getActualTypeArguments()).containsExactly(id);
                    }));
        }
        java.util.Map<InfoHash, Integer> map = new java.util.HashMap<>();
        colliding.forEach(hash -> map.put(hash, map.size()));
        assertThat(map).hasSize(2_000);
        assertThat(map.get(CollidingInfoHashes.nth(1_999))).isEqualTo(1_999);
    }
}
