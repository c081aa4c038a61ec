package dev.crosswalk.starter.test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application as a user writes it with the starter: no Crosswalk bean of its own, only a ChatClient. */
@SpringBootApplication
public class StarterApplication {

    @Bean
    ChatClient chatClient(ChatClient.Builder builder) {
        return builder.defaultSystem("Answer in one word.").build();
    }
}
