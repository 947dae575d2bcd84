package io.github.bttracker.internal.bencode;

import java.util.ArrayList;
import java.util.List;

/** A list being decoded. */
final class PendingList extends PendingContainer {

    private final List<BencodeValue> values = new ArrayList<>();

    @Override
    String context() {
        return "inside a list";
    }

    @Override
    void add(BencodeValue value) {
        values.add(value);
    }

    @Override
    BencodeValue build(int closeOffset) {
        return new BencodeList(values);
    }
}
