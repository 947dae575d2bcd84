package io.github.bttracker.it.bt;

import bt.module.PeerConnectionSelector;
import bt.net.SharedSelector;
import bt.service.IRuntimeLifecycleBinder;
import bt.service.LifecycleBinding;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.Selector;

/**
 * Gives a Bt runtime a peer-connection selector that registers new connections without starving: the work-around, in
 * the test runtimes and in the command-line tool's ({@code bt-tracker.jar download}), for a defect of Bt 1.10 that
 * stalled downloads in this project's CI. It is not a part of the plugin, which leaves Bt's peer wire alone.
 *
 * <p>Bt 1.10's {@link SharedSelector} guards {@code select} with the write half of a read-write lock and registers a
 * channel only once it gets the read half, which it tries for in a busy loop that wakes the selector each time round;
 * its data-receiving thread takes the write half again at once, so under CPU contention the registering thread can
 * miss every gap for seconds or for good (thread dumps of stalled test downloads on this machine, with eight busy
 * processes beside them: a connection worker in {@code SharedSelector.wakeupAndRegister}, the receiving loop in
 * {@code select}). The new connection is never read, its handshake times out on both sides, and Bt does not try the
 * peer again until the tracker names it in another announce, 30 minutes later. That lock was for Java 8, where
 * {@code register} blocked during a {@code select}; since Java 11 it does not, so this selector registers at once and
 * wakes the selector to take the new channel into its next round.
 *
 * <p>Custom modules override Bt's standard ones, so adding this module to a runtime replaces the selector of Bt's
 * {@code ServiceModule}; like it, the selector is closed when the runtime shuts down.
 */
public final class PeerWireSelectorModule extends AbstractModule {

    @Provides
    @Singleton
    @PeerConnectionSelector
    SharedSelector selector(IRuntimeLifecycleBinder lifecycle) {
        NonStarvingSelector selector;
        try {
            selector = new NonStarvingSelector(Selector.open());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the peer-connection selector", e);
        }
        lifecycle.addBinding(IRuntimeLifecycleBinder.LifecycleEvent.SHUTDOWN, LifecycleBinding.bind(() -> {
            try {
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the peer-connection selector", e);
            }
        }).description("Shutdown selector").build());
        return selector;
    }

    /** Bt's selector with {@code select} and {@code register} left to the JDK, which lets them overlap. */
    public static final class NonStarvingSelector extends SharedSelector {
        private final Selector delegate;

        NonStarvingSelector(Selector delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public int select() throws IOException {
            return delegate.select();
        }

        @Override
        public int select(long timeout) throws IOException {
            return delegate.select(timeout);
        }

        @Override
        public int selectNow() throws IOException {
            return delegate.selectNow();
        }

        @Override
        public void wakeupAndRegister(SelectableChannel channel, int ops, Object attachment) {
            try {
                channel.register(delegate, ops, attachment);
            } catch (ClosedChannelException e) {
                throw new IllegalStateException("cannot register a closed channel", e);
            }
            delegate.wakeup();
        }
    }
}
