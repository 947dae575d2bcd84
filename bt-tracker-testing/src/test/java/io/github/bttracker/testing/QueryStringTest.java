package io.github.bttracker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void decodesEscapesIntoRawBytesAndKeepsRepeatedNames() {
        Map<String, List<byte[]>> params = QueryString.parse("info_hash=%00%20%7f%80%FF&x=a+b&info_hash=z&flag");

        assertThat(params.get("info_hash")).containsExactly(
                new byte[] {0x00, 0x20, 0x7F, (byte) 0x80, (byte) 0xFF}, new byte[] {'z'});
        assertThat(params.get("x")).containsExactly("a+b".getBytes());
        assertThat(params.get("flag")).containsExactly(new byte[0]);
    }

    @Test
    void keepsMalformedEscapesLiterally() {
        assertThat(QueryString.percentDecode("%G1%4")).isEqualTo("%G1%4".getBytes());
        assertThat(QueryString.parse("")).isEmpty();
        assertThat(QueryString.parse("&&")).isEmpty();
    }
}
