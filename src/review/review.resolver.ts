import { Args, Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { principal, RequestContext } from '../graphql/request-context';
import { ReviewChangeDto } from './review.inputs';
import { ReviewItem, reviewItemType, ReviewService } from './review.service';

@Resolver('ReviewItem')
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveField('__resolveType')
  resolveType(item: ReviewItem) {
    return reviewItemType(item);
  }

  @Mutation('reviewChange')
  reviewChange(@Args('input') input: ReviewChangeDto, @Context() ctx: RequestContext) {
    return this.reviews.review(input, principal(ctx));
  }

  @Query('reviewQueue')
  reviewQueue(
    @Args('first') first: number,
    @Args('after') after: string | undefined,
    @Context() ctx: RequestContext,
  ) {
    return this.reviews.queue(first, after, ctx.loaders);
  }
}
