package io.github.bttracker.internal.transport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryVersionsTest {

    @Test
    void theLibrariesThisBuildRunsOnPass() {
        assertThatCode(LibraryVersions::requireSupported).doesNotThrowAnyException();
    }

    @Test
    void aJacksonOlderThan215IsRefusedWithTheVersionFoundAndTheOneNeeded() {
        assertThatThrownBy(() -> LibraryVersions.requireJackson(new Version(2, 14, 3, null, "com.fasterxml.jackson.core",
                "jackson-core"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("bt-tracker needs jackson-core 2.15 or later (for StreamReadConstraints), but found "
                        + "jackson-core 2.14.3 on the class path: manage com.fasterxml.jackson:jackson-bom at 2.15 or "
                        + "later");
        assertThatCode(() -> LibraryVersions.requireJackson(new Version(2, 15, 0, null, null, null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> LibraryVersions.requireJackson(new Version(3, 0, 0, null, null, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void aNettyWithoutAClassThePluginUsesIsRefusedNamingTheClassAndTheNettyFound() {
        assertThatThrownBy(() -> LibraryVersions.requireNetty(List.of("io.netty.channel.Channel",
                "io.netty.handler.codec.http.NoSuchHandlerInThisNetty")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("bt-tracker needs Netty 4.1 (4.1.137.Final is tested) or 4.2, but "
                        + "io.netty.handler.codec.http.NoSuchHandlerInThisNetty is missing; found ")
                .hasMessageContaining("netty-transport 4.");
    }
}
