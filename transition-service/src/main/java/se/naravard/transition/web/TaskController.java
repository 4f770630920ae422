package se.naravard.transition.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import se.naravard.transition.app.EpisodeService;
import se.naravard.transition.deadline.DeadlineState;
import se.naravard.transition.episode.TaskKind;
import se.naravard.transition.web.BodyReader.Faults;
import se.naravard.transition.web.Responses.TaskPage;
import se.naravard.transition.web.Responses.TaskRow;

/** Deadline tasks across episodes: "what is open or missed in my kommun / for my unit", soonest due first. */
@Controller("/tasks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Deadline tasks")
public class TaskController {

    private final EpisodeService episodes;
    private final BodyReader reader;

    public TaskController(EpisodeService episodes, BodyReader reader) {
        this.episodes = episodes;
        this.reader = reader;
    }

    @Get
    @Operation(summary = "Deadline tasks by kommun, state (open, met, missed), kind and addressee unit")
    public TaskPage list(
            @Nullable @QueryValue String kommun,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String kind,
            @Nullable @QueryValue String addressee,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue Integer offset) {
        int size = limit == null ? 20 : limit;
        int from = offset == null ? 0 : offset;
        Faults faults = new Faults();
        EpisodeController.checkPaging(size, from, faults);
        reader.kommun(kommun, "/kommun", false, faults);
        if (state != null) {
            reader.code(DeadlineState.Kind.class, state, "/state", faults);
        }
        if (kind != null) {
            reader.code(TaskKind.class, kind, "/kind", faults);
        }
        faults.throwIfAny("The query is not valid");
        var found = episodes.tasks(kommun, state, kind, addressee, size + 1, from);
        boolean more = found.size() > size;
        return new TaskPage(
                (more ? found.subList(0, size) : found)
                        .stream().map(TaskController::row).toList(),
                from,
                more ? from + size : null);
    }

    private static TaskRow row(EpisodeService.TaskEntry t) {
        return new TaskRow(
                t.id().toString(),
                t.episodeId().toString(),
                t.kind(),
                t.state(),
                t.dueAt().toString(),
                t.kommun(),
                t.addressee(),
                t.trigger() == null ? null : t.trigger().toString(),
                t.fulfilledBy() == null ? null : t.fulfilledBy().toString());
    }
}
