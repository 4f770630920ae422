package se.naravard.transition.app;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import se.naravard.transition.deadline.DeadlineRules;
import se.naravard.transition.episode.EpisodeRules;
import se.naravard.transition.liability.LiabilityCalculator;

@Factory
class TransitionFactory {

    @Singleton
    EpisodeRules episodeRules(TransitionSettings settings) {
        return new EpisodeRules(new DeadlineRules(settings.getWithdrawalWindow()), settings.getReceiptWindow());
    }

    @Singleton
    LiabilityCalculator liabilityCalculator() {
        return new LiabilityCalculator();
    }
}
