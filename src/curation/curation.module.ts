import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { CurationResolver } from './curation.resolver';
import { CurationService } from './curation.service';

/** A source's whole curation in one transaction (importCuration), over the areas' own rules. */
@Module({
  imports: [ClaimsModule],
  providers: [CurationService, CurationResolver],
  exports: [CurationService],
})
export class CurationModule {}
