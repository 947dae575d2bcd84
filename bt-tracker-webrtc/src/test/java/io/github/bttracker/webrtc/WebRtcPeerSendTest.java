package io.github.bttracker.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import io.github.bttracker.it.webtorrent.Namespace;
import io.github.bttracker.spi.WebRtc;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** {@link WebRtcPeer#send} between two {@link NativeWebRtc}s signalling to each other directly. */
class WebRtcPeerSendTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final InfoHash HASH = InfoHash.fromHex("77e1c0ffee00112233445566778899aabbccddee");

    @Test
    void oneSendOfMoreThanLibwebrtcBuffersArrivesWhole() throws Exception {
        Namespace.trackerAddress();
        List<WebRtcPeer> peersOfA = new CopyOnWriteArrayList<>();
        List<WebRtcPeer> peersOfB = new CopyOnWriteArrayList<>();
        AtomicLong received = new AtomicLong();
        AtomicInteger largestMessage = new AtomicInteger();
        CRC32 receivedCrc = new CRC32();
        try (NativeWebRtc a = NativeWebRtc.builder().listener(peersOfA::add).build();
                NativeWebRtc b = NativeWebRtc.builder().listener(peer -> {
                    peer.onData(bytes -> {
                        // one receiving thread, libwebrtc's: no lock needed but for the test thread's reads
                        synchronized (receivedCrc) {
                            receivedCrc.update(bytes);
                        }
                        largestMessage.accumulateAndGet(bytes.length, Math::max);
                        received.addAndGet(bytes.length);
                    });
                    peersOfB.add(peer);
                }).build()) {
            WebRtc.Offer offer = a.createOffers(HASH, 1).get(30, TimeUnit.SECONDS).get(0);
            WebRtc.Signal answer = b.answer(HASH, PeerId.random("-BW0001-"), offer.offerId(), offer.offer())
                    .get(30, TimeUnit.SECONDS);
            a.answered(HASH, PeerId.random("-BW0001-"), offer.offerId(), answer);
            await().atMost(TIMEOUT).until(() -> peersOfA.size() == 1 && peersOfB.size() == 1);

            // 32 MiB in one call: libwebrtc would close the channel on a message over 256 KiB, or with about 16 MiB
            // buffered, so this arrives only if send splits it and waits for the buffer to drain
            byte[] data = new byte[32 * 1024 * 1024];
            new Random(32).nextBytes(data);
            CRC32 sentCrc = new CRC32();
            sentCrc.update(data);
            peersOfA.get(0).send(data);

            await().atMost(TIMEOUT).until(() -> received.get() >= data.length);
            assertThat(received.get()).isEqualTo(data.length);
            synchronized (receivedCrc) {
                assertThat(receivedCrc.getValue()).isEqualTo(sentCrc.getValue());
            }
            assertThat(largestMessage.get()).isLessThanOrEqualTo(WebRtcPeer.MAX_MESSAGE_SIZE);
            assertThat(peersOfA.get(0).isClosed()).isFalse();
        }
    }
}
