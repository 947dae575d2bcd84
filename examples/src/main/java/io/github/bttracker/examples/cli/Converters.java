package io.github.bttracker.examples.cli;

import bt.protocol.crypto.EncryptionPolicy;
import io.github.bttracker.core.AnnounceEvent;
import io.github.bttracker.core.InfoHash;
import io.github.bttracker.core.PeerId;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Argument converters: a bad value is a usage error (exit code 2) with a message that says what is expected. */
final class Converters {

    private Converters() {
    }

    static final class InfoHashConverter implements ITypeConverter<InfoHash> {
        @Override
        public InfoHash convert(String value) {
            try {
                return InfoHash.fromHex(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("an info hash is 40 hexadecimal digits, not '" + value + "'");
            }
        }
    }

    static final class PeerIdConverter implements ITypeConverter<PeerId> {
        @Override
        public PeerId convert(String value) {
            try {
                return PeerId.fromHex(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("a peer id is 40 hexadecimal digits, not '" + value + "'");
            }
        }
    }

    static final class EventConverter implements ITypeConverter<AnnounceEvent> {
        @Override
        public AnnounceEvent convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "started" -> AnnounceEvent.STARTED;
                case "completed" -> AnnounceEvent.COMPLETED;
                case "stopped" -> AnnounceEvent.STOPPED;
                case "update", "none" -> AnnounceEvent.NONE;
                default -> throw new TypeConversionException(
                        "the event is one of started, completed, stopped, update; not '" + value + "'");
            };
        }
    }

    static final class EncryptionConverter implements ITypeConverter<EncryptionPolicy> {
        @Override
        public EncryptionPolicy convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "plaintext" -> EncryptionPolicy.REQUIRE_PLAINTEXT;
                case "prefer-plaintext" -> EncryptionPolicy.PREFER_PLAINTEXT;
                case "prefer-encrypted" -> EncryptionPolicy.PREFER_ENCRYPTED;
                case "require-encrypted" -> EncryptionPolicy.REQUIRE_ENCRYPTED;
                default -> throw new TypeConversionException("the encryption policy is one of plaintext, "
                        + "prefer-plaintext, prefer-encrypted, require-encrypted; not '" + value + "'");
            };
        }
    }
}
