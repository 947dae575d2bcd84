package io.github.bttracker.it.bt;

import static org.assertj.core.api.Assertions.assertThat;

import bt.net.SharedSelector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The selector {@link PeerWireSelectorModule} gives test runtimes: a channel registered while the receiving thread is
 * blocked in {@code select} is registered at once and selected by that thread, which it wakes.
 */
class PeerWireSelectorModuleTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aChannelRegisteredDuringASelectIsSelectedByTheThreadItWakes() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel channel = SocketChannel.open(server.getLocalAddress());
             SocketChannel peer = server.accept();
             SharedSelector selector = new PeerWireSelectorModule.NonStarvingSelector(Selector.open())) {
            peer.write(ByteBuffer.wrap(new byte[] {19})); // readable as soon as the selector watches it
            channel.configureBlocking(false);
            // as Bt's data-receiving loop: select with no timeout until a key is selected, then hand over its attachment
            CountDownLatch selecting = new CountDownLatch(1);
            CompletableFuture<Object> selected = CompletableFuture.supplyAsync(() -> {
                try {
                    selecting.countDown();
                    while (selector.select() == 0) {
                        Thread.onSpinWait();
                    }
                    return selector.selectedKeys().iterator().next().attachment();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            selecting.await();
            // registered while that select is (very likely) under way: it must not wait for it, and must end it
            selector.wakeupAndRegister(channel, SelectionKey.OP_READ, "the peer's connection");

            assertThat(selector.keyFor(channel)).hasValueSatisfying(key -> assertThat(key.isValid()).isTrue());
            assertThat(selected.get()).isEqualTo("the peer's connection");
        }
    }
}
