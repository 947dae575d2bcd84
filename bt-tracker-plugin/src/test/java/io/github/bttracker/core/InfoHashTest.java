package io.github.bttracker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
