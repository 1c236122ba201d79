package cn.minhang.policy.model;

/** An application scenario of embodied intelligence (measures 5, 6 and 7). */
public enum ScenarioType {
    GUIDED_TOUR,
    CUSTOMER_RECEPTION,
    UNMANNED_RETAIL,
    SHOPPING_GUIDE,
    SECURITY_PATROL,
    IMMERSIVE_COMMERCE,
    MEDICAL_CARE,
    REHABILITATION_COMPANION,
    BRAIN_COMPUTER_INTERFACE,
    NURSING_ASSISTANCE,
    EMOTIONAL_COMPANIONSHIP,
    EARLY_EDUCATION,
    CLASSROOM_TEACHING,
    LAB_CLASSROOM,
    TRAINING_BASE,
    OTHER
}
