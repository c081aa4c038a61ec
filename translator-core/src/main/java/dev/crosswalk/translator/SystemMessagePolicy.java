package dev.crosswalk.translator;

/** Where Chat {@code system}/{@code developer} messages go when a request is translated to Responses. */
public enum SystemMessagePolicy {
    /** Each stays an input message item with the same role, in its position (the default). */
    KEEP_IN_PLACE,
    /** Leading system/developer messages become {@code instructions}; later ones stay in place. */
    HOIST_LEADING_TO_INSTRUCTIONS
}
