package dev.lookalike.cli;

import dev.lookalike.dedup.DuplicateFinder;
import dev.lookalike.dedup.DuplicateGroup;
import dev.lookalike.dedup.Duplicates;
import dev.lookalike.dedup.GroupMember;
import dev.lookalike.store.IndexStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dedup ignore PATH...}: records that files are not duplicates, so their group is not shown again. */
@Command(
        name = "ignore",
        mixinStandardHelpOptions = true,
        description = {
            "Record in the index that files are not duplicates of one another: later 'dedup' runs do not"
                    + " show a group whose files all lie in one such decision (a group a new file joins is shown again).",
            "Two or more PATHs are recorded as they are; a single PATH stands for its whole group in a 'dedup' run"
                    + " with the same --model and --threshold. Paths are as stored in the index (as 'dedup' prints them).",
            "--reset forgets every decision."
        })
final class DedupIgnoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DedupSelection selection;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files of one group, or one file for its group.")
    List<String> paths;

    @Option(names = "--reset", description = "Forget every 'not duplicates' decision of the index.")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        ToolContext context = ToolContext.of(spec);
        boolean none = paths == null || paths.isEmpty();
        if (reset == !none) {
            throw new ParameterException(spec.commandLine(), "dedup ignore needs PATH... or --reset (not both)");
        }
        try (IndexStore store = IndexStore.open(selection.index(spec), IndexStore.Access.READ_WRITE)) {
            if (reset) {
                context.out().printf("forgot %d decisions%n", store.clearNotDuplicates());
                return ExitCode.OK;
            }
            List<String> decided;
            try {
                decided = paths.size() > 1 ? paths : groupOf(store, context, paths.getFirst());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            store.recordNotDuplicates(decided);
            context.out().printf("recorded as not duplicates: %s%n", String.join(", ", decided));
        }
        return ExitCode.OK;
    }

    /** The members of the group that {@code path} is in, for the selection's model and threshold. */
    private List<String> groupOf(IndexStore store, ToolContext context, String path) throws Exception {
        if (store.file(path).isEmpty()) {
            throw new IllegalArgumentException(store.dir() + ": no file '" + path + "' in the index");
        }
        Duplicates found = DuplicateFinder.find(
                store, selection.resolve(store, context.threads()).request(), context.progress());
        return found.groups().stream()
                .filter(group -> group.members().stream()
                        .anyMatch(member -> member.path().equals(path)))
                .map(DuplicateGroup::members)
                .findFirst()
                .map(members -> members.stream().map(GroupMember::path).toList())
                .orElseThrow(() -> new IllegalArgumentException(
                        path + " is in no shown group for " + found.model() + " at cosine >= " + found.threshold()));
    }
}
