package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution, with libwebrtc's native jar left off the class path (see the pom): a missing
 * native library is one exception that names the fix, every time it is tried, and the JVM goes on.
 */
@Tag("without-native-library")
class WithoutNativeLibraryTest {

    @Test
    void missingNativeLibraryIsOneClearException() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> NativeWebRtc.builder().build())
                    .isInstanceOf(WebRtcUnavailableException.class)
                    .hasMessageContaining("apt-get install libpulse0")
                    .hasMessageContaining("classifier linux-x86_64");
        }
    }
}
