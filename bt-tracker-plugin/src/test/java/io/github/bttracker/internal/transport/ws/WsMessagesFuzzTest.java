package io.github.bttracker.internal.transport.ws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the WebSocket message decoder (Jazzer): any text decodes to a message or is rejected as
 * malformed, never another exception.
 */
class WsMessagesFuzzTest {

    private static final WsMessages MESSAGES = new WsMessages(64 * 1024);

    @FuzzTest(maxDuration = "20s")
    void decodesOrRejectsAnyText(byte[] bytes) {
        try {
            MESSAGES.decode(new String(bytes, StandardCharsets.UTF_8));
        } catch (WsMessages.MalformedMessageException rejected) {
            // the connection drops it, with a debug line
        }
    }
}
