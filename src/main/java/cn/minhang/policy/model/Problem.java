package cn.minhang.policy.model;

/** One problem in an application: where it is (a JSON path such as {@code $.purchases[2].amount}) and what it is. */
public record Problem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
