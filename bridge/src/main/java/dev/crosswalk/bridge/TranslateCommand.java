package dev.crosswalk.bridge;

import dev.crosswalk.translator.Crosswalk;
import dev.crosswalk.translator.Translation;
import dev.crosswalk.translator.Translator;
import dev.crosswalk.translator.TranslatorOptions;
import dev.crosswalk.translator.error.MalformedJsonException;
import dev.crosswalk.translator.error.OpenAiError;
import dev.crosswalk.translator.error.Problem;
import dev.crosswalk.translator.error.ResponseFailedException;
import dev.crosswalk.translator.error.UntranslatableException;
import dev.crosswalk.translator.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosswalk translate}: one document (or one SSE stream) of one protocol in, the other protocol out. */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false, exitCodeOnInvalidInput = Main.USAGE,
        description = {
            "Translate a request, a response or an SSE stream from one protocol to the other.",
            "Reads FILE (or standard input for '-'), writes the translation to standard output.",
            "",
            "Exit codes:",
            "  0  translated (with --lenient, dropped fields are listed on standard error)",
            "  1  the input is not JSON, or not of the protocol's shape (the message names where)",
            "  2  the input has fields with no equivalent in the other protocol: an OpenAI error",
            "     object on standard error lists each one by JSON path (use --lenient to drop them)",
            "  3  the response or stream failed upstream: its error, as an OpenAI error object",
            " 64  the command line is wrong"
        })
final class TranslateCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int MALFORMED = 1;
    static final int UNTRANSLATABLE = 2;
    static final int FAILED = 3;

    /** The protocols, named as on the command line. */
    enum Protocol { chat, responses }

    /** What the input is. */
    enum Kind { request, response, stream }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--from", required = true, paramLabel = "chat|responses",
            description = "The protocol of the input: chat (Chat Completions) or responses (Responses).")
    Protocol from;

    @Option(names = "--kind", defaultValue = "request", paramLabel = "request|response|stream",
            description = "What the input is: a request body, a response body, or an SSE stream (default: ${DEFAULT-VALUE}).")
    Kind kind;

    @Option(names = "--request", paramLabel = "ORIGINAL_REQUEST.json",
            description = {"For --kind response or stream: the request the input answers, in either protocol.",
                "It fills the echo fields of a Responses object and, for Chat streams, decides the usage chunk."})
    Path request;

    @Option(names = "--lenient",
            description = "Drop fields that have no equivalent (each reported as a warning) instead of failing with exit 2.")
    boolean lenient;

    @Parameters(index = "0", arity = "0..1", defaultValue = "-", paramLabel = "FILE",
            description = "The input file; '-' or nothing for standard input.")
    String input;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        JsonCodec codec = JsonCodec.detect();
        Translator translator = Crosswalk.translator(TranslatorOptions.builder().lenient(lenient).codec(codec).build());
        try {
            if (kind == Kind.stream) {
                return new StreamTranslation(translator, from == Protocol.chat, readOptional(request), out, err).run(open(input));
            }
            Translation<String> result = translate(translator, read(input));
            warn(result.warnings(), err);
            out.println(result.value());
            out.flush();
            return OK;
        } catch (UntranslatableException e) {
            err.println(codec.write(e.toOpenAiError().toResponse()));
            return UNTRANSLATABLE;
        } catch (ResponseFailedException e) {
            err.println(codec.write(e.error().toResponse()));
            return FAILED;
        } catch (MalformedJsonException e) {
            err.println("crosswalk: " + e.getMessage());
            return MALFORMED;
        } catch (NoSuchFileException e) {
            err.println("crosswalk: no such file: " + e.getFile());
            return MALFORMED;
        } catch (IOException e) {
            err.println("crosswalk: cannot read input: " + e.getMessage());
            return MALFORMED;
        }
    }

    private Translation<String> translate(Translator translator, String json) throws IOException {
        if (kind == Kind.request) {
            return from == Protocol.chat ? translator.requestToResponses(json) : translator.requestToChat(json);
        }
        return from == Protocol.chat ? translator.responseToResponses(json, readOptional(request)) : translator.responseToChat(json, readOptional(request));
    }

    static void warn(List<Problem> warnings, PrintWriter err) {
        for (Problem w : warnings) {
            err.println("warning: dropped " + w.path() + ": " + w.reason());
        }
        err.flush();
    }


    private String read(String file) throws IOException {
        try (InputStream in = open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readOptional(Path file) throws IOException {
        return file == null ? null : Files.readString(file, StandardCharsets.UTF_8);
    }

    private InputStream open(String file) throws IOException {
        return "-".equals(file) ? main.stdin() : Files.newInputStream(Path.of(file));
    }
}
