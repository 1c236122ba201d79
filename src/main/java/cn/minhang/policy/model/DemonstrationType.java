package cn.minhang.policy.model;

/** What was recognised under measure 4's second sentence (智能工厂、揭榜挂帅任务等). */
public enum DemonstrationType {
    SMART_FACTORY,
    OPEN_CALL_TASK,
    OTHER_DEMONSTRATION
}
