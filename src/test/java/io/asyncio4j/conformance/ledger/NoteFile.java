package io.asyncio4j.conformance.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-kept file of reasons ({@code docs/conformance/na.tsv} for n/a rows,
 * {@code docs/conformance/missing.tsv} for notes on rows still missing): one
 * {@code module<TAB>pattern<TAB>reason} a line, where the pattern is {@code Class.test_x} or
 * {@code Class.*} (every test the class defines); {@code #} starts a comment line.
 */
final class NoteFile {
    /** One line of the file. */
    record Note(String module, String pattern, String reason, String where) {
        /** Whether the note covers every test of a class ({@code Class.*}). */
        boolean wholeClass() {
            return pattern.endsWith(".*");
        }
    }

    private final List<Note> notes;

    private NoteFile(List<Note> notes) {
        this.notes = List.copyOf(notes);
    }

    /** Reads the file; a file that does not exist has no notes. */
    static NoteFile read(Path file) throws IOException {
        List<Note> notes = new ArrayList<>();
        if (!Files.exists(file)) {
            return new NoteFile(notes);
        }
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 3 || cols[2].isBlank()) {
                throw new IllegalStateException(file.getFileName() + ":" + lineNo
                        + ": expected module<TAB>Class.test<TAB>reason, got: " + line);
            }
            notes.add(new Note(cols[0].strip(), cols[1].strip(), cols[2].strip(), file.getFileName() + ":" + lineNo));
        }
        return new NoteFile(notes);
    }

    /** Every note, in file order. */
    List<Note> notes() {
        return notes;
    }
}
