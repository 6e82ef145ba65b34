using ResNetService.Training.Data;

namespace ResNetService.Training.Tests.Data;

public sealed class ValidationPlanTests
{
    [Fact]
    public void Twenty_images_per_class_train_whole_and_publish_the_last_epoch()
    {
        var plan = ValidationPlan.For(ownValidation: false, [20, 20, 20, 20, 20, 20, 20, 20], 0.1, earlyStoppingPatience: null);

        Assert.False(plan.HoldOut);
        Assert.False(plan.SelectsBestEpoch);
    }

    [Fact]
    public void Enough_images_per_class_and_in_all_are_held_out_and_selected_on()
    {
        var plan = ValidationPlan.For(ownValidation: false, [45, 45, 45, 45, 45, 45, 45, 45, 45, 45], 0.1, earlyStoppingPatience: null);

        Assert.True(plan.HoldOut);
        Assert.True(plan.SelectsBestEpoch);
    }

    [Theory]
    [InlineData(new[] { 500, 500, 30 }, 0.1)]
    [InlineData(new[] { 44, 44, 44, 44, 44, 44, 44, 44, 44, 44 }, 0.1)]
    [InlineData(new[] { 200, 200 }, 0.1)]
    public void One_class_too_small_or_too_few_in_all_means_no_hold_out(int[] classCounts, double fraction)
    {
        var plan = ValidationPlan.For(ownValidation: false, classCounts, fraction, earlyStoppingPatience: null);

        Assert.False(plan.HoldOut);
        Assert.False(plan.SelectsBestEpoch);
    }

    [Fact]
    public void A_larger_fraction_makes_the_hold_out_of_a_small_split()
    {
        var plan = ValidationPlan.For(ownValidation: false, [20, 20, 20, 20, 20, 20, 20, 20, 20, 20], 0.25, earlyStoppingPatience: null);

        Assert.True(plan.HoldOut);
        Assert.True(plan.SelectsBestEpoch);
    }

    [Fact]
    public void Early_stopping_asks_for_a_hold_out_however_small()
    {
        var plan = ValidationPlan.For(ownValidation: false, [20, 20], 0.1, earlyStoppingPatience: 3);

        Assert.True(plan.HoldOut);
        Assert.True(plan.SelectsBestEpoch);
    }

    [Fact]
    public void A_dataset_with_its_own_validation_split_holds_nothing_out_and_selects_the_best_epoch()
    {
        var plan = ValidationPlan.For(ownValidation: true, [20, 20], 0.1, earlyStoppingPatience: null);

        Assert.False(plan.HoldOut);
        Assert.True(plan.SelectsBestEpoch);
    }

    [Fact]
    public void The_held_out_count_leaves_one_image_of_a_class_for_training()
    {
        Assert.Equal(0, StratifiedSplit.HeldOutCount(1, 0.5));
        Assert.Equal(1, StratifiedSplit.HeldOutCount(2, 0.5));
        Assert.Equal(5, StratifiedSplit.HeldOutCount(45, 0.1));
        Assert.Equal(4, StratifiedSplit.HeldOutCount(44, 0.1));
    }
}
