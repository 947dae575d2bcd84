package io.github.bttracker.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventLoopThreadsTest {

    /** Starts a thread of the factory that counts {@code done} down and then runs until {@code release}. */
    private static Thread startUntil(EventLoopThreads threads, CountDownLatch release, CountDownLatch done) {
        Thread worker = threads.newThread(() -> {
            done.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        return worker;
    }

    @Test
    void makesDaemonThreadsNamedForTheRuntime() {
        Thread thread = new EventLoopThreads("bt-tracker").newThread(() -> { });
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.getName()).startsWith("bt-tracker-");
    }

    @Test
    void waitsForAThreadThatIsStillEndingAfterItsWorkIsDone() throws Exception {
        // an event loop completes its group's termination future and only then leaves its run method: this thread
        // has done its work (done) and ends only once released, which happens while awaitEnd waits for it
        EventLoopThreads threads = new EventLoopThreads("bt-tracker");
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = startUntil(threads, release, done);
        done.await();
        Thread waiter = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            await().atMost(Duration.ofSeconds(30)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
            release.countDown();
        });
        releaser.start();

        assertThat(threads.awaitEnd(Duration.ofSeconds(60))).isTrue();
        assertThat(worker.isAlive()).isFalse();
        releaser.join();
    }

    @Test
    void givesUpAtItsTimeoutAndSaysSo() throws Exception {
        EventLoopThreads threads = new EventLoopThreads("bt-tracker");
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = startUntil(threads, release, new CountDownLatch(0));
        try {
            assertThat(threads.awaitEnd(Duration.ofMillis(1))).isFalse();
            assertThat(worker.isAlive()).isTrue();
        } finally {
            release.countDown();
            worker.join();
        }
        assertThat(threads.awaitEnd(Duration.ofSeconds(60))).isTrue();
    }

    @Test
    void anInterruptEndsTheWaitAndIsKept() throws Exception {
        EventLoopThreads threads = new EventLoopThreads("bt-tracker");
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = startUntil(threads, release, new CountDownLatch(0));
        try {
            Thread.currentThread().interrupt();
            assertThat(threads.awaitEnd(Duration.ofSeconds(60))).isFalse();
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            release.countDown();
            worker.join();
        }
    }
}
