/**
 * Spring Boot auto-configuration of the Crosswalk chat model, on when {@code spring.ai.model.chat=crosswalk}.
 */
package dev.crosswalk.springai.autoconfigure;
